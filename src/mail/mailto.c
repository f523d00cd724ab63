/*
 * mailto.c - parsing a mailto URI (RFC 6068) for a Sieve notification
 * (RFC 5436 section 2); see mailto.h.
 */
#include "mailto.h"

#include <string.h>
#include <gmime/gmime.h>

#include "addr-spec.h"
#include "gmime-autoptr.h"
#include "limits.h"
#include "mail-error.h"

/* Fields a URI must not set (RFC 5436 section 2.7: from, auto-submitted,
 * received, message-id, date; bcc would hide recipients from the owner;
 * the rest we write ourselves).  A trailing '*' matches any suffix. */
static const char *const prdr_mail_mailto_ignored[] = {
  "from", "sender", "bcc", "auto-submitted", "received", "return-path", "message-id",
  "date", "mime-version", "content-*", "resent-*", "x-sieve*", "x-priority", "importance",
};

static void
prdr_mail_mailto_address_free (PrdrMailMailtoAddress *a)
{
  g_free (a->address);
  g_free (a->name);
  g_free (a);
}

static void
prdr_mail_mailto_field_free (PrdrMailMailtoField *f)
{
  g_free (f->name);
  g_free (f->value);
  g_free (f);
}

void
prdr_mail_mailto_free (PrdrMailMailto *mailto)
{
  if (mailto == NULL)
    return;
  g_ptr_array_unref (mailto->to);
  g_ptr_array_unref (mailto->cc);
  g_ptr_array_unref (mailto->fields);
  g_free (mailto->subject);
  g_free (mailto->body);
  g_free (mailto);
}

/* prdr_mail_mailto_qchar - qchar without pct-encoded (RFC 6068 section 2). */
static gboolean
prdr_mail_mailto_qchar (guchar c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("-._~!$'()*+,;:@", c) != NULL);
}

/* prdr_mail_mailto_decode - @len octets at @p percent-decoded; NULL with an
 * error naming @what for a character outside qchar, a bad escape, or a
 * result that is not UTF-8 without NUL. */
static char *
prdr_mail_mailto_decode (const char *p, gsize len, const char *what, GError **error)
{
  g_autoptr (GString) out = g_string_sized_new (len);
  for (gsize i = 0; i < len; i++) {
    guchar c = (guchar) p[i];
    if (c == '%' && i + 2 < len && g_ascii_isxdigit (p[i + 1])
        && g_ascii_isxdigit (p[i + 2])) {
      g_string_append_c (out, (char) (g_ascii_xdigit_value (p[i + 1]) * 16
                                      + g_ascii_xdigit_value (p[i + 2])));
      i += 2;
    } else if (prdr_mail_mailto_qchar (c)) {
      g_string_append_c (out, (char) c);
    } else {
      g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                   c > ' ' && c < 0x7f ? "invalid character '%c' in the %s of the mailto URI"
                                       : "invalid character 0x%02x in the %s of the mailto URI",
                   c, what);
      return NULL;
    }
  }
  if (memchr (out->str, '\0', out->len) != NULL || !g_utf8_validate (out->str, out->len, NULL)) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "the %s of the mailto URI is not UTF-8 text", what);
    return NULL;
  }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* prdr_mail_mailto_add - @address as a recipient in @list, unless it is a
 * recipient already. */
static gboolean
prdr_mail_mailto_add (PrdrMailMailto *m, GPtrArray *list, const char *address,
                      const char *name, GError **error)
{
  if (!prdr_mail_addr_spec_valid (address)) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "invalid recipient '%s' in the mailto URI", address);
    return FALSE;
  }
  GPtrArray *lists[] = { m->to, m->cc };
  for (gsize l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      if (prdr_mail_addr_spec_equal (((PrdrMailMailtoAddress *) lists[l]->pdata[i])->address,
                                     address))
        return TRUE;
  if (m->to->len + m->cc->len >= PRDR_MAIL_MAILTO_RECIPIENTS_MAX) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "the mailto URI has more than %d recipients", PRDR_MAIL_MAILTO_RECIPIENTS_MAX);
    return FALSE;
  }
  PrdrMailMailtoAddress *a = g_new0 (PrdrMailMailtoAddress, 1);
  a->address = g_strdup (address);
  a->name = name != NULL && *name != '\0' ? g_strdup (name) : NULL;
  g_ptr_array_add (list, a);
  return TRUE;
}

/* prdr_mail_mailto_to_part - the addr-specs before '?', split at commas
 * outside quoted local parts. */
static gboolean
prdr_mail_mailto_to_part (PrdrMailMailto *m, const char *to, GError **error)
{
  const char *start = to;
  gboolean quoted = FALSE;
  for (const char *p = to;; p++) {
    if (*p == '\\' && quoted && p[1] != '\0')
      p++;
    else if (*p == '"')
      quoted = !quoted;
    else if ((*p == ',' && !quoted) || *p == '\0') {
      g_autofree char *address = g_strndup (start, p - start);
      if (*address != '\0' && !prdr_mail_mailto_add (m, m->to, address, NULL, error))
        return FALSE;
      if (*p == '\0')
        return TRUE;
      start = p + 1;
    }
  }
}

/* prdr_mail_mailto_addresses - a to= or cc= value: an address list whose
 * display names may be encoded words; groups are refused. */
static gboolean
prdr_mail_mailto_addresses (PrdrMailMailto *m, GPtrArray *list, const char *value,
                            GError **error)
{
  g_autoptr (InternetAddressList) parsed = internet_address_list_parse (NULL, value);
  int n = parsed != NULL ? internet_address_list_length (parsed) : 0;
  if (n == 0) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "invalid recipient '%s' in the mailto URI", value);
    return FALSE;
  }
  for (int i = 0; i < n; i++) {
    InternetAddress *a = internet_address_list_get_address (parsed, i);
    const char *addr = INTERNET_ADDRESS_IS_MAILBOX (a)
        ? internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (a)) : value;
    if (!prdr_mail_mailto_add (m, list, addr, internet_address_get_name (a), error))
      return FALSE;
  }
  return TRUE;
}

/* prdr_mail_mailto_field_name_valid - an RFC 5322 field-name (section
 * 3.6.8: printable US-ASCII but ':'). */
static gboolean
prdr_mail_mailto_field_name_valid (const char *name)
{
  if (*name == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (*p <= ' ' || *p > '~' || *p == ':')
      return FALSE;
  return TRUE;
}

static gboolean
prdr_mail_mailto_ignored_field (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (prdr_mail_mailto_ignored); i++) {
    const char *pattern = prdr_mail_mailto_ignored[i];
    gsize len = strlen (pattern);
    if (pattern[len - 1] == '*' ? g_ascii_strncasecmp (name, pattern, len - 1) == 0
                                : g_ascii_strcasecmp (name, pattern) == 0)
      return TRUE;
  }
  return FALSE;
}

/* prdr_mail_mailto_once - set *@slot to @value unless it is set: a repeated
 * subject or body is ignored (RFC 6068 does not forbid it; the first wins,
 * as in Pigeonhole). */
static gboolean
prdr_mail_mailto_once (char **slot, const char *value)
{
  if (*slot == NULL)
    *slot = g_strdup (value);
  return TRUE;
}

/* prdr_mail_mailto_field - one decoded hfield. */
static gboolean
prdr_mail_mailto_field (PrdrMailMailto *m, const char *name, const char *value, GError **error)
{
  if (!prdr_mail_mailto_field_name_valid (name)) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "invalid header field name '%s' in the mailto URI", name);
    return FALSE;
  }
  if (g_ascii_strcasecmp (name, "body") == 0)
    return prdr_mail_mailto_once (&m->body, value);
  /* RFC 6068 section 5: encoded words are another way to write the text */
  g_autofree char *text = g_mime_utils_header_decode_text (NULL, value);
  if (strpbrk (value, "\r\n") != NULL || strpbrk (text, "\r\n") != NULL) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "the %s field of the mailto URI has a line break", name);
    return FALSE;
  }
  if (g_ascii_strcasecmp (name, "to") == 0)
    return prdr_mail_mailto_addresses (m, m->to, value, error);
  if (g_ascii_strcasecmp (name, "cc") == 0)
    return prdr_mail_mailto_addresses (m, m->cc, value, error);
  if (prdr_mail_mailto_ignored_field (name))
    return TRUE;
  if (g_ascii_strcasecmp (name, "subject") == 0)
    return prdr_mail_mailto_once (&m->subject, text);
  if (m->fields->len >= PRDR_MAIL_MAILTO_FIELDS_MAX) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "the mailto URI has more than %d header fields", PRDR_MAIL_MAILTO_FIELDS_MAX);
    return FALSE;
  }
  PrdrMailMailtoField *f = g_new0 (PrdrMailMailtoField, 1);
  f->name = g_strdup (name);
  f->value = g_steal_pointer (&text);
  g_ptr_array_add (m->fields, f);
  return TRUE;
}

/* prdr_mail_mailto_hfields - the part after '?': hfields joined by '&'. */
static gboolean
prdr_mail_mailto_hfields (PrdrMailMailto *m, const char *hfields, GError **error)
{
  g_auto (GStrv) list = g_strsplit (hfields, "&", -1);
  for (char **h = list; *h != NULL; h++) {
    const char *eq = strchr (*h, '=');
    if (eq == NULL) {
      g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                   "header field '%s' of the mailto URI has no '='", *h);
      return FALSE;
    }
    g_autofree char *name = prdr_mail_mailto_decode (*h, eq - *h, "header field name", error);
    g_autofree char *value = name != NULL
        ? prdr_mail_mailto_decode (eq + 1, strlen (eq + 1), "header field value", error) : NULL;
    if (value == NULL || !prdr_mail_mailto_field (m, name, value, error))
      return FALSE;
  }
  return TRUE;
}

PrdrMailMailto *
prdr_mail_mailto_parse (const char *uri, GError **error)
{
  if (strlen (uri) > PRDR_MAIL_MAILTO_URI_MAX || g_ascii_strncasecmp (uri, "mailto:", 7) != 0) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 strlen (uri) > PRDR_MAIL_MAILTO_URI_MAX ? "the mailto URI is too long"
                                                         : "not a mailto URI");
    return NULL;
  }
  g_autoptr (PrdrMailMailto) m = g_new0 (PrdrMailMailto, 1);
  m->to = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_mail_mailto_address_free);
  m->cc = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_mail_mailto_address_free);
  m->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_mail_mailto_field_free);
  const char *to = uri + 7;
  const char *q = strchr (to, '?');
  g_autofree char *recipients = prdr_mail_mailto_decode (to, q != NULL ? (gsize) (q - to)
                                                                       : strlen (to),
                                                         "recipients", error);
  if (recipients == NULL || !prdr_mail_mailto_to_part (m, recipients, error)
      || (q != NULL && !prdr_mail_mailto_hfields (m, q + 1, error)))
    return NULL;
  return g_steal_pointer (&m);
}
