/*
 * ext-editheader.c - addheader and deleteheader (RFC 5293).
 *
 *   addheader [:last] <field-name> <value>
 *   deleteheader [:index n [:last]] [COMPARATOR] [MATCH-TYPE] <field-name>
 *                [<value-patterns>]
 *
 * The run keeps its own copy of the top-level header (run->edited_fields,
 * made on the first edit; the shared message view is never changed), which
 * later tests see.  Each change is also reported as an action; deleted
 * occurrences are reported one per action with their 1-based index at the
 * time of deletion, from the bottom up.  prdr_sieve_result_message replays
 * them so that each action acts on the header as it was when the action
 * ran (RFC 5293 section 7).  Field names must be RFC 5322 field names;
 * values must be UTF-8: line breaks with the white space around them
 * become one space, non-ASCII text is RFC 2047 encoded, and the field is
 * folded at spaces; a field longer than limits.max_header_size is an error
 * (at compile time when the value is a constant), and so is adding more
 * than PRDR_SIEVE_MAX_ADDED_HEADERS fields in one run.  RFC 5293 section 6:
 * Received and Auto-Submitted are never deleted, Subject may always be
 * changed, and the caller may forbid adding or deleting other fields
 * (PrdrSieveContext.editheader_forbid_*); a forbidden change is ignored.
 */
#include "sieve-private.h"

#include <string.h>
#include "commands.h"

enum { PRDR_SIEVE_EDIT_LAST = 1, PRDR_SIEVE_EDIT_INDEX };

static const PrdrSieveTagDef prdr_sieve_addheader_tags[] = {
  { "last", 0, 0, PRDR_SIEVE_EDIT_LAST, NULL },
  { NULL, 0, 0, 0, NULL },
};
/* deleteheader's :index/:last are its own (RFC 5293 section 5), not the
 * index extension's */
static const PrdrSieveTagDef prdr_sieve_deleteheader_tags[] = {
  { "index", 'n', 0, PRDR_SIEVE_EDIT_INDEX, NULL },
  { "last", 0, 0, PRDR_SIEVE_EDIT_LAST, NULL },
  { NULL, 0, 0, 0, NULL },
};

/* RFC 5293 section 6: never deleted */
static const char *const prdr_sieve_edit_protected[] = { "received", "auto-submitted", NULL };

static gboolean
prdr_sieve_field_name_valid (const char *name)
{
  if (!*name || strlen (name) > PRDR_SIEVE_MAX_IDENTIFIER * 8)
    return FALSE;
  for (const char *p = name; *p; p++)
    if ((guchar) *p < 33 || (guchar) *p > 126 || *p == ':')
      return FALSE;
  return TRUE;
}

static gboolean
prdr_sieve_field_value_valid (const char *value)
{
  return g_utf8_validate (value, -1, NULL);
}

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

/* prdr_sieve_edit_field_new - the field addheader adds: the value
 * unfolded, RFC 2047 encoded when it is not printable ASCII, folded; no
 * CR or LF of the value survives but as a fold */
static PrdrSieveHeaderField *
prdr_sieve_edit_field_new (const char *name, const char *value)
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

/* prdr_sieve_edit_field_size - octets of the field as written, CRLF folds */
static gsize
prdr_sieve_edit_field_size (const PrdrSieveHeaderField *f)
{
  gsize size = strlen (f->name) + 1;

  for (const char *p = f->raw; *p; p++)
    size += *p == '\n' ? 2 : 1;
  return size;
}

static gsize
prdr_sieve_edit_max_size (const PrdrSieveContext *ctx)
{
  return MAX (ctx->limits.max_header_size, (gsize) PRDR_SIEVE_MIN_HEADER_SIZE);
}

static gboolean
prdr_sieve_edit_listed (const char *const *list, const char *name)
{
  for (; list && *list; list++)
    if (g_ascii_strcasecmp (*list, name) == 0)
      return TRUE;
  return FALSE;
}

/* prdr_sieve_edit_allowed - may a script add (@add) or delete field @name
 * (RFC 5293 section 6) */
static gboolean
prdr_sieve_edit_allowed (const PrdrSieveContext *ctx, const char *name, gboolean add)
{
  if (g_ascii_strcasecmp (name, "subject") == 0)
    return TRUE;
  if (!add && prdr_sieve_edit_listed (prdr_sieve_edit_protected, name))
    return FALSE;
  return !prdr_sieve_edit_listed (add ? ctx->editheader_forbid_add
                                  : ctx->editheader_forbid_delete, name);
}

static void
prdr_sieve_edit_insert (GPtrArray *fields, PrdrSieveHeaderField *f, gboolean last)
{
  if (last)
    g_ptr_array_add (fields, f);
  else
    g_ptr_array_insert (fields, 0, f);
}

/* prdr_sieve_edit_apply - apply one addheader or deleteheader action (as
 * the engine reported it) to @fields */
static void
prdr_sieve_edit_apply (GPtrArray *fields, const PrdrSieveAction *a)
{
  guint occ = 0;

  if (a->kind == PRDR_SIEVE_ACTION_ADDHEADER)
    {
      prdr_sieve_edit_insert (fields, prdr_sieve_edit_field_new (a->target, a->text), a->last);
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

/* prdr_sieve_edit_check_name - compile-time check of a constant name */
static gboolean
prdr_sieve_edit_check_name (PrdrSieveValidator *v, PrdrSieveArg *arg)
{
  const char *name = prdr_sieve_arg_string (arg);

  if (strstr (name, "${") || prdr_sieve_field_name_valid (name))
    return TRUE;
  prdr_sieve_validator_error (v, arg->line, arg->column, "specified field name '%s' is invalid",
                              name);
  return FALSE;
}

/* prdr_sieve_edit_check_value - the value of addheader: UTF-8, and the
 * field within the size limit; @fail reports what is wrong */
static gboolean
prdr_sieve_edit_check_value (const PrdrSieveContext *ctx, const char *name, const char *value,
                             char **fail)
{
  PrdrSieveHeaderField *f;
  gsize size;

  if (!prdr_sieve_field_value_valid (value))
    {
      *fail = g_strdup_printf ("specified value '%s' is invalid", value);
      return FALSE;
    }
  f = prdr_sieve_edit_field_new (name, value);
  size = prdr_sieve_edit_field_size (f);
  prdr_sieve_header_field_free (f);
  if (size <= prdr_sieve_edit_max_size (ctx))
    return TRUE;
  *fail = g_strdup_printf ("the '%s' header field would be %" G_GSIZE_FORMAT
                           " octets, more than the limit of %" G_GSIZE_FORMAT, name, size,
                           prdr_sieve_edit_max_size (ctx));
  return FALSE;
}

static gboolean
prdr_sieve_cmd_addheader_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *name = prdr_sieve_node_arg (node, 0), *value = prdr_sieve_node_arg (node, 1);
  g_autofree char *fail = NULL;

  if (!prdr_sieve_edit_check_name (v, name))
    return FALSE;
  if (strstr (prdr_sieve_arg_string (value), "${") || strstr (prdr_sieve_arg_string (name), "${")
      || prdr_sieve_edit_check_value (prdr_sieve_validator_context (v),
                                      prdr_sieve_arg_string (name),
                                      prdr_sieve_arg_string (value), &fail))
    return TRUE;
  prdr_sieve_validator_error (v, value->line, value->column, "%s", fail);
  return FALSE;
}

static gboolean
prdr_sieve_cmd_deleteheader_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  const PrdrSieveTagUse *index = prdr_sieve_node_tag (node, PRDR_SIEVE_EDIT_INDEX);

  node->match.last = prdr_sieve_node_tag (node, PRDR_SIEVE_EDIT_LAST) != NULL;
  node->match.index = index ? CLAMP (index->param->number, 1u, G_MAXUINT) : 0;
  if (node->match.last && !index)
    {
      prdr_sieve_validator_error (v, node->line, node->column,
                                  "deleteheader: :last needs :index");
      return FALSE;
    }
  return prdr_sieve_edit_check_name (v, prdr_sieve_node_arg (node, 0));
}

/* prdr_sieve_edit_copy - a copy of @msg's top-level header fields */
static GPtrArray *
prdr_sieve_edit_copy (PrdrSieveMessage *msg)
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

/* prdr_sieve_edit_fields - the run's own header copy, made on first use */
static GPtrArray *
prdr_sieve_edit_fields (PrdrSieveRun *run)
{
  if (!run->edited_fields)
    run->edited_fields = prdr_sieve_edit_copy (run->msg);
  return run->edited_fields;
}

/* prdr_sieve_edit_added - addheader actions in @result so far */
static guint
prdr_sieve_edit_added (const PrdrSieveResult *result)
{
  guint n = 0;

  for (guint i = 0; i < result->actions->len; i++)
    n += ((const PrdrSieveAction *) g_ptr_array_index (result->actions, i))->kind
      == PRDR_SIEVE_ACTION_ADDHEADER;
  return n;
}

static PrdrSieveStatus
prdr_sieve_cmd_addheader_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  g_autofree char *name = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  g_autofree char *value = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 1));
  g_autofree char *fail = NULL;
  PrdrSieveAction *a;

  if (!name || !value)
    return PRDR_SIEVE_STATUS_ERROR;
  if (!prdr_sieve_field_name_valid (name))
    return prdr_sieve_run_error (run, node, "specified field name '%s' is invalid", name);
  if (!prdr_sieve_edit_check_value (run->ctx, name, value, &fail))
    return prdr_sieve_run_error (run, node, "%s", fail);
  if (!prdr_sieve_edit_allowed (run->ctx, name, TRUE))
    return PRDR_SIEVE_STATUS_OK;
  if (prdr_sieve_edit_added (run->result) >= PRDR_SIEVE_MAX_ADDED_HEADERS)
    return prdr_sieve_run_error (run, node, "more than %d header fields added",
                                 PRDR_SIEVE_MAX_ADDED_HEADERS);
  a = prdr_sieve_action_new (PRDR_SIEVE_ACTION_ADDHEADER);
  a->target = g_steal_pointer (&name);
  a->text = g_steal_pointer (&value);
  a->last = prdr_sieve_node_tag (node, PRDR_SIEVE_EDIT_LAST) != NULL;
  prdr_sieve_edit_apply (prdr_sieve_edit_fields (run), a);
  return prdr_sieve_run_add_action (run, node, a);
}

/* prdr_sieve_edit_selected - is occurrence @occ (1-based, of @count) the
 * one :index / :last names (all when no :index) */
static gboolean
prdr_sieve_edit_selected (const PrdrSieveNode *node, guint occ, guint count)
{
  if (!node->match.index)
    return TRUE;
  return node->match.last ? occ == count + 1 - node->match.index : occ == node->match.index;
}

/* prdr_sieve_edit_value_matches - the field's decoded value against the
 * value patterns */
static PrdrSieveStatus
prdr_sieve_edit_value_matches (PrdrSieveRun *run, const PrdrSieveNode *node,
                               const PrdrSieveHeaderField *f, GPtrArray *keys, gboolean *hit)
{
  g_autoptr (GPtrArray) one = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (one, prdr_sieve_header_field_value (f, TRUE));
  return prdr_sieve_run_match (run, node, one, keys, hit);
}

/* prdr_sieve_edit_delete - remove occurrence @occ of field @name and
 * report it */
static PrdrSieveStatus
prdr_sieve_edit_delete (PrdrSieveRun *run, const PrdrSieveNode *node, const char *name,
                        guint occ)
{
  PrdrSieveAction *a = prdr_sieve_action_new (PRDR_SIEVE_ACTION_DELETEHEADER);

  a->target = g_strdup (name);
  a->index = occ;
  prdr_sieve_edit_apply (run->edited_fields, a);
  return prdr_sieve_run_add_action (run, node, a);
}

static PrdrSieveStatus
prdr_sieve_cmd_deleteheader_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  g_autofree char *name = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  PrdrSieveArg *patterns = prdr_sieve_node_arg (node, 1);
  g_autoptr (GPtrArray) keys = patterns ? prdr_sieve_run_strings (run, patterns) : NULL;
  GPtrArray *fields;
  guint count = 0, occ;

  if (!name || (patterns && !keys))
    return PRDR_SIEVE_STATUS_ERROR;
  if (!prdr_sieve_field_name_valid (name))
    return prdr_sieve_run_error (run, node, "specified field name '%s' is invalid", name);
  if (!prdr_sieve_edit_allowed (run->ctx, name, FALSE))
    return PRDR_SIEVE_STATUS_OK;
  fields = prdr_sieve_edit_fields (run);
  for (guint i = 0; i < fields->len; i++)
    count += g_ascii_strcasecmp (((PrdrSieveHeaderField *) g_ptr_array_index (fields, i))->name,
                                 name) == 0;
  occ = count + 1;
  for (guint i = fields->len; i > 0; i--)
    {
      PrdrSieveHeaderField *f = g_ptr_array_index (fields, i - 1);
      gboolean hit = TRUE;
      if (g_ascii_strcasecmp (f->name, name) != 0)
        continue;
      occ--;
      if (!prdr_sieve_edit_selected (node, occ, count))
        continue;
      if (keys)
        {
          PrdrSieveStatus st = prdr_sieve_edit_value_matches (run, node, f, keys, &hit);
          if (st != PRDR_SIEVE_STATUS_OK)
            return st;
        }
      if (hit)
        {
          PrdrSieveStatus st = prdr_sieve_edit_delete (run, node, f->name, occ);
          if (st != PRDR_SIEVE_STATUS_OK)
            return st;
        }
    }
  return PRDR_SIEVE_STATUS_OK;
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
        fields = prdr_sieve_edit_copy (msg);
      prdr_sieve_edit_apply (fields, a);
    }
  if (!fields)
    return g_bytes_new (msg->raw->data, msg->raw->len);
  return prdr_sieve_edit_write (msg, fields);
}

const PrdrSieveCommandDef prdr_sieve_cmd_addheader = {
  .name = "addheader", .kind = PRDR_SIEVE_COMMAND, .signature = "ss",
  .tags = prdr_sieve_addheader_tags, .validate = prdr_sieve_cmd_addheader_validate,
  .exec = prdr_sieve_cmd_addheader_exec,
};
const PrdrSieveCommandDef prdr_sieve_cmd_deleteheader = {
  .name = "deleteheader", .kind = PRDR_SIEVE_COMMAND, .signature = "s|l",
  .tags = prdr_sieve_deleteheader_tags, .flags = PRDR_SIEVE_FLAG_MATCH,
  .validate = prdr_sieve_cmd_deleteheader_validate, .exec = prdr_sieve_cmd_deleteheader_exec,
};
