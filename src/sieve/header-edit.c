/*
 * header-edit.c - header edits of editheader (RFC 5293) as fields and as
 * message text: the field addheader adds (value unfolded, RFC 2047 encoded
 * when not printable ASCII, folded at PRDR_SIEVE_HEADER_FOLD_WIDTH), one
 * reported edit applied to a header, and the message an action acts on
 * (prdr_sieve_result_message: the edits before it replayed, section 7).
 * Folds inside a raw value are "\n" + white space, as message.c parses
 * them; written out they become CRLF.
 *
 *   prdr_sieve_header_edit_field_new/_field_size/_copy/_apply,
 *   prdr_sieve_result_message
 */
#include "sieve-private.h"

#include <string.h>

/* prdr_sieve_edit_unfold - the value on one line: each line break, with
 * the white space around it, becomes one space; the ends are trimmed */
static char *
prdr_sieve_edit_unfold (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p; p++)
    {
      if (*p != '\r' && *p != '\n')
        {
          g_string_append_c (out, *p);
          continue;
        }
      while (out->len && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\t'))
        g_string_truncate (out, out->len - 1);
      while (p[1] == '\r' || p[1] == '\n' || p[1] == ' ' || p[1] == '\t')
        p++;
      g_string_append_c (out, ' ');
    }
  return g_strstrip (g_string_free (out, FALSE));
}

/* prdr_sieve_edit_fold - the raw value of field @name (after the colon):
 * @text folded before spaces so that lines stay within
 * PRDR_SIEVE_HEADER_FOLD_WIDTH where a space allows it; folds are "\n" +
 * the space, as in the parsed header (message.c) */
static char *
prdr_sieve_edit_fold (const char *name, const char *text)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  GString *out = g_string_new (NULL);
  gsize col = strlen (name) + 1;
  gboolean line_has_text = FALSE;

  for (char **w = words; *w; w++)
    {
      gsize len = strlen (*w);
      if (line_has_text && col + 1 + len > PRDR_SIEVE_HEADER_FOLD_WIDTH)
        {
          g_string_append_c (out, '\n');
          col = 0;
          line_has_text = FALSE;
        }
      g_string_append_c (out, ' ');
      g_string_append (out, *w);
      col += 1 + len;
      line_has_text |= len > 0;
    }
  return g_string_free (out, FALSE);
}

/* prdr_sieve_header_edit_field_new - the field addheader adds: the value
 * unfolded, RFC 2047 encoded when it is not printable ASCII, folded; no
 * CR or LF of the value survives but as a fold */
PrdrSieveHeaderField *
prdr_sieve_header_edit_field_new (const char *name, const char *value)
{
  g_autofree char *text = prdr_sieve_edit_unfold (value);
  gboolean plain = TRUE;
  g_autofree char *encoded = NULL, *line = NULL;
  PrdrSieveHeaderField *f = g_new0 (PrdrSieveHeaderField, 1);

  for (const char *p = text; *p && plain; p++)
    plain = (*p >= 0x20 && *p < 0x7f) || *p == '\t';
  if (!plain)
    encoded = g_mime_utils_header_encode_text (NULL, text, "utf-8");
  line = encoded ? prdr_sieve_edit_unfold (encoded) : g_steal_pointer (&text);

  f->name = g_strdup (name);
  f->raw = prdr_sieve_edit_fold (name, line);
  return f;
}

/* prdr_sieve_header_edit_field_size - octets of the field as written, CRLF folds */
gsize
prdr_sieve_header_edit_field_size (const PrdrSieveHeaderField *f)
{
  gsize size = strlen (f->name) + 1;

  for (const char *p = f->raw; *p; p++)
    size += *p == '\n' ? 2 : 1;
  return size;
}

/* prdr_sieve_header_edit_apply - apply one addheader or deleteheader action (as
 * the engine reported it) to @fields */
void
prdr_sieve_header_edit_apply (GPtrArray *fields, const PrdrSieveAction *a)
{
  guint occ = 0;

  if (a->kind == PRDR_SIEVE_ACTION_ADDHEADER)
    {
      PrdrSieveHeaderField *f = prdr_sieve_header_edit_field_new (a->target, a->text);
      if (a->last)
        g_ptr_array_add (fields, f);
      else
        g_ptr_array_insert (fields, 0, f);
      return;
    }
  for (guint i = 0; i < fields->len; i++)
    {
      const PrdrSieveHeaderField *f = g_ptr_array_index (fields, i);
      if (g_ascii_strcasecmp (f->name, a->target) == 0 && ++occ == (guint) a->index)
        {
          g_ptr_array_remove_index (fields, i);
          return;
        }
    }
}

/* prdr_sieve_header_edit_copy - a copy of @msg's top-level header fields */
GPtrArray *
prdr_sieve_header_edit_copy (PrdrSieveMessage *msg)
{
  GPtrArray *top = prdr_sieve_message_part (msg, 0)->fields;
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_sieve_header_field_free);

  for (guint i = 0; i < top->len; i++)
    {
      const PrdrSieveHeaderField *f = g_ptr_array_index (top, i);
      PrdrSieveHeaderField *c = g_new0 (PrdrSieveHeaderField, 1);
      c->name = g_strdup (f->name);
      c->raw = g_strdup (f->raw);
      g_ptr_array_add (copy, c);
    }
  return copy;
}

/* prdr_sieve_edit_write - @fields, an empty line and @msg's body as
 * message text; folds become CRLF */
static GBytes *
prdr_sieve_edit_write (PrdrSieveMessage *msg, GPtrArray *fields)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < fields->len; i++)
    {
      const PrdrSieveHeaderField *f = g_ptr_array_index (fields, i);
      g_string_append_printf (out, "%s:", f->name);
      for (const char *p = f->raw; *p; p++)
        if (*p == '\n')
          g_string_append (out, "\r\n");
        else if (*p != '\r')
          g_string_append_c (out, *p);
      g_string_append (out, "\r\n");
    }
  g_string_append (out, "\r\n");
  g_string_append_len (out, (const char *) msg->raw->data + msg->body_offset,
                       msg->raw->len - msg->body_offset);
  return g_string_free_to_bytes (out);
}

GBytes *
prdr_sieve_result_message (const PrdrSieveResult *result, guint index, PrdrSieveMessage *msg)
{
  g_autoptr (GPtrArray) fields = NULL;

  for (guint i = 0; i < MIN (index, result->actions->len); i++)
    {
      const PrdrSieveAction *a = g_ptr_array_index (result->actions, i);
      if (a->kind != PRDR_SIEVE_ACTION_ADDHEADER && a->kind != PRDR_SIEVE_ACTION_DELETEHEADER)
        continue;
      if (!fields)
        fields = prdr_sieve_header_edit_copy (msg);
      prdr_sieve_header_edit_apply (fields, a);
    }
  if (!fields)
    return g_bytes_new (msg->raw->data, msg->raw->len);
  return prdr_sieve_edit_write (msg, fields);
}
