/*
 * original-fields.c - the Subject and Auto-Submitted fields of a message
 * we answer (original-fields.h).
 */
#include "original-fields.h"

#include <string.h>

#include "text.h"

/* prdr_mail_original_is_word - does @token look like an RFC 2047 encoded
 * word? */
static gboolean
prdr_mail_original_is_word (const char *token, gsize len)
{
  return len >= 8 && strncmp (token, "=?", 2) == 0 && strncmp (token + len - 2, "?=", 2) == 0;
}

/* prdr_mail_original_decode - the original's raw Subject decoded and
 * unfolded, its first @max octets or a little more.  Each encoded word is
 * decoded on its own (RFC 2047 section 5: each holds whole characters):
 * GMime 3.2 joins adjacent words before decoding, and base64 padding in
 * the first then ends the text.  White space between two encoded words
 * goes (RFC 2047 section 6.2); folds become nothing (RFC 5322 2.2.3). */
static char *
prdr_mail_original_decode (const char *raw, gsize max)
{
  GString *out = g_string_new (NULL);
  gboolean last_word = FALSE;
  const char *p = raw;
  while (*p != '\0' && out->len <= max) {
    gsize space = strspn (p, " \t\r\n");
    gsize len = strcspn (p + space, " \t\r\n");
    g_autofree char *token = g_strndup (p + space, len);
    gboolean word = prdr_mail_original_is_word (token, len);
    if (!(word && last_word))
      for (gsize i = 0; i < space; i++)
        if (p[i] == ' ' || p[i] == '\t')
          g_string_append_c (out, p[i]);
    g_autofree char *decoded = word ? g_mime_utils_header_decode_text (NULL, token) : NULL;
    g_string_append (out, decoded != NULL ? decoded : token);
    last_word = word;
    p += space + len;
  }
  return g_string_free (out, FALSE);
}

/* prdr_mail_original_subject - the original's Subject, decoded,
 * one line, at most @max octets; NULL when it has none. */
char *
prdr_mail_original_subject (GMimeMessage *original, gsize max)
{
  GMimeHeaderList *headers = original != NULL
      ? g_mime_object_get_header_list (GMIME_OBJECT (original)) : NULL;
  GMimeHeader *header = headers != NULL ? g_mime_header_list_get_header (headers, "Subject")
                                        : NULL;
  const char *raw = header != NULL ? g_mime_header_get_raw_value (header) : NULL;
  if (raw == NULL)
    return NULL;
  g_autofree char *decoded = prdr_mail_original_decode (raw, max);
  return g_strstrip (prdr_mail_text_clean (decoded, max, NULL));
}

/* prdr_mail_original_is_automatic - the Auto-Submitted keyword, before any
 * parameter or comment, is not "no" (RFC 3834 section 5). */
gboolean
prdr_mail_original_is_automatic (GMimeMessage *original)
{
  const char *value = original != NULL
      ? g_mime_object_get_header (GMIME_OBJECT (original), "Auto-Submitted") : NULL;
  if (value == NULL)
    return FALSE;
  g_autofree char *keyword = g_strstrip (g_strdup (value));
  keyword[strcspn (keyword, " \t;(")] = '\0';
  return g_ascii_strcasecmp (keyword, "no") != 0;
}
