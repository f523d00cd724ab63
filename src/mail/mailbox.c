/*
 * mailbox.c - a mailbox with its display name for a header field we write
 * (RFC 5322 section 3.4, RFC 2047 section 5 (3)); see mailbox.h.
 */
#include "mailbox.h"

#include <string.h>

#include "limits.h"
#include "text.h"

/* RFC 2047 section 2: an encoded word is at most 75 octets; 45 octets of
 * text make 60 of base64, which with "=?UTF-8?B?" and "?=" fits. */
#define PRDR_MAIL_MAILBOX_WORD_OCTETS 45

/* prdr_mail_mailbox_atoms - only atext (RFC 5322 section 3.2.3) and single
 * spaces between words. */
static gboolean
prdr_mail_mailbox_atoms (const char *name)
{
  for (const char *p = name; *p != '\0'; p++) {
    guchar c = (guchar) *p;
    if (c == ' ' && p != name && p[1] != '\0' && p[1] != ' ')
      continue;
    if (!g_ascii_isalnum (c) && strchr ("!#$%&'*+-/=?^_`{|}~", c) == NULL)
      return FALSE;
  }
  return TRUE;
}

/* prdr_mail_mailbox_encode - @name (UTF-8) as encoded words, split at
 * character boundaries. */
static void
prdr_mail_mailbox_encode (GString *out, const char *name)
{
  const char *p = name;
  while (*p != '\0') {
    const char *end = p;
    while (*end != '\0') {
      const char *next = g_utf8_next_char (end);
      if (next - p > PRDR_MAIL_MAILBOX_WORD_OCTETS)
        break;
      end = next;
    }
    g_autofree char *b64 = g_base64_encode ((const guchar *) p, end - p);
    g_string_append_printf (out, "%s=?UTF-8?B?%s?=", p == name ? "" : " ", b64);
    p = end;
  }
}

char *
prdr_mail_mailbox_format (const char *name, const char *address)
{
  g_autofree char *clean = name != NULL
      ? g_strstrip (prdr_mail_text_clean (name, PRDR_MAIL_DISPLAY_NAME_MAX, NULL)) : NULL;
  if (clean == NULL || *clean == '\0')
    return g_strdup (address);
  GString *out = g_string_new (NULL);
  if (prdr_mail_mailbox_atoms (clean)) {
    g_string_append (out, clean);
  } else if (prdr_mail_text_is_ascii (clean)) {
    g_string_append_c (out, '"');
    for (const char *p = clean; *p != '\0'; p++) {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
    g_string_append_c (out, '"');
  } else {
    prdr_mail_mailbox_encode (out, clean);
  }
  g_string_append_printf (out, " <%s>", address);
  return g_string_free (out, FALSE);
}
