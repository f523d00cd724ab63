/*
 * mailbox.c - a mailbox with its display name for a header field we write
 * (RFC 5322 section 3.4, RFC 2047 section 5 (3)); see mailbox.h.
 */
#include "mailbox.h"

#include <string.h>

#include "limits.h"
#include "text.h"

/* RFC 2047 section 2: an encoded word is at most 75 octets; "=?UTF-8?Q?"
 * and "?=" leave 63 for the encoded text. */
#define PRDR_MAIL_MAILBOX_WORD_TEXT 63

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

/* prdr_mail_mailbox_q - @c in the "Q" encoding of a phrase (RFC 2047
 * section 4.2 and section 5 (3): letters, digits and "!*+-/" as they are,
 * space as "_", all else "=XX"). */
static void
prdr_mail_mailbox_q (GString *out, guchar c)
{
  if (g_ascii_isalnum (c) || (c != '\0' && strchr ("!*+-/", c) != NULL))
    g_string_append_c (out, (char) c);
  else if (c == ' ')
    g_string_append_c (out, '_');
  else
    g_string_append_printf (out, "=%02X", c);
}

/* prdr_mail_mailbox_encode - @name (UTF-8) as "Q" encoded words split at
 * character boundaries.  ("Q", not "B": readers such as GMime join the
 * texts of adjacent words before decoding, which base64 padding inside
 * the joined text would cut short.) */
static void
prdr_mail_mailbox_encode (GString *out, const char *name)
{
  g_autoptr (GString) word = g_string_new (NULL);
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p)) {
    g_autoptr (GString) ch = g_string_new (NULL);
    for (const char *b = p; b < g_utf8_next_char (p); b++)
      prdr_mail_mailbox_q (ch, (guchar) *b);
    if (word->len + ch->len > PRDR_MAIL_MAILBOX_WORD_TEXT) {
      g_string_append_printf (out, "=?UTF-8?Q?%s?= ", word->str);
      g_string_truncate (word, 0);
    }
    g_string_append_len (word, ch->str, ch->len);
  }
  g_string_append_printf (out, "=?UTF-8?Q?%s?=", word->str);
}

/* prdr_mail_mailbox_write - both forms; @name_addr: "<address>" without a
 * name, and an ASCII name always quoted. */
static char *
prdr_mail_mailbox_write (const char *name, const char *address, gboolean name_addr)
{
  g_autofree char *clean = name != NULL
      ? g_strstrip (prdr_mail_text_clean (name, PRDR_MAIL_DISPLAY_NAME_MAX, NULL)) : NULL;
  if (clean == NULL || *clean == '\0')
    return name_addr ? g_strdup_printf ("<%s>", address) : g_strdup (address);
  GString *out = g_string_new (NULL);
  if (!name_addr && prdr_mail_mailbox_atoms (clean)) {
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

char *
prdr_mail_mailbox_format (const char *name, const char *address)
{
  return prdr_mail_mailbox_write (name, address, FALSE);
}

char *
prdr_mail_mailbox_format_name_addr (const char *name, const char *address)
{
  return prdr_mail_mailbox_write (name, address, TRUE);
}
