/*
 * autoreply-subject.c - the Subject of an automatic reply (RFC 5230
 * section 5.3): the script's :subject, else the caller's template (or
 * "Auto: ") with the original subject, else the caller's default (or
 * "Automated reply"); one line, at most a configured number of characters
 * ending in an ellipsis when cut, and written as RFC 2047 encoded words of
 * at most 75 octets, each holding whole UTF-8 characters.
 */
#include "autoreply-private.h"

#include <string.h>

#include "limits.h"
#include "original-fields.h"
#include "text.h"

static const char prdr_mail_autoreply_default_subject[] = "Automated reply";
static const char prdr_mail_autoreply_default_template[] = "Auto: %{subject}";

/* The UTF-8 octets per encoded word: base64 of 45 octets is 60 characters,
 * "=?UTF-8?B?" and "?=" make 72, within RFC 2047 section 2's 75.  A "B"
 * word other than the last is cut at a multiple of 3 octets, so that it
 * carries no base64 padding: GMime 3.2 (and so readers built on it, our
 * Sieve engine too) joins adjacent "B" words before decoding and stops at
 * padding.  Where no character ends at such an offset, one character goes
 * into a "Q" word (which GMime does not join) and the count starts anew. */
#define PRDR_MAIL_AUTOREPLY_WORD_OCTETS 45

/* prdr_mail_autoreply_expand - @template with "%{subject}" and "%$" as
 * @subject and "%%" as "%"; anything else is copied. */
static char *
prdr_mail_autoreply_expand (const char *template, const char *subject)
{
  GString *out = g_string_new (NULL);
  for (const char *p = template; *p != '\0'; p++) {
    if (g_str_has_prefix (p, "%{subject}")) {
      g_string_append (out, subject);
      p += strlen ("%{subject}") - 1;
    } else if (g_str_has_prefix (p, "%$") || g_str_has_prefix (p, "%%")) {
      g_string_append (out, p[1] == '$' ? subject : "%");
      p++;
    } else {
      g_string_append_c (out, *p);
    }
  }
  return g_string_free (out, FALSE);
}

/* prdr_mail_autoreply_subject_text - the Subject before limiting.  The
 * original's subject is cleaned (and bounded in octets, so that what is
 * longer than PRDR_MAIL_SUBJECT_CHARS_MAX characters stays longer) before
 * it goes into the template. */
static char *
prdr_mail_autoreply_subject_text (const PrdrMailAutoreply *reply,
                                  const PrdrMailAutoreplyConfig *config, GMimeMessage *original)
{
  gsize octets = PRDR_MAIL_SUBJECT_CHARS_MAX * 4 + 4;
  if (reply->subject != NULL && *reply->subject != '\0')
    return prdr_mail_text_clean (reply->subject, octets, NULL);
  g_autofree char *clean = prdr_mail_original_subject (original, octets);
  if (clean == NULL || *clean == '\0') {
    const char *fixed = config != NULL && config->default_subject != NULL
        && *config->default_subject != '\0' ? config->default_subject
        : prdr_mail_autoreply_default_subject;
    return prdr_mail_text_clean (fixed, octets, NULL);
  }
  const char *template = config != NULL && config->subject_template != NULL
      && *config->subject_template != '\0' ? config->subject_template
      : prdr_mail_autoreply_default_template;
  g_autofree char *expanded = prdr_mail_autoreply_expand (template, clean);
  return prdr_mail_text_clean (expanded, octets * 2, NULL);
}

/* prdr_mail_autoreply_subject_limit - @subject (valid UTF-8) of at most
 * @max_chars characters (0: PRDR_MAIL_SUBJECT_CHARS_DEFAULT; at most
 * PRDR_MAIL_SUBJECT_CHARS_MAX), cut at a character and ending in U+2026
 * when it was longer. */
static char *
prdr_mail_autoreply_subject_limit (const char *subject, guint max_chars)
{
  if (max_chars == 0)
    max_chars = PRDR_MAIL_SUBJECT_CHARS_DEFAULT;
  max_chars = MIN (max_chars, PRDR_MAIL_SUBJECT_CHARS_MAX);
  if (g_utf8_strlen (subject, -1) <= (glong) max_chars)
    return g_strdup (subject);
  const char *end = g_utf8_offset_to_pointer (subject, max_chars - 1);
  g_autofree char *head = g_strndup (subject, (gsize) (end - subject));
  return g_strconcat (g_strchomp (head), "\xe2\x80\xa6", NULL);  /* U+2026 */
}

/* prdr_mail_autoreply_word_end - where the next "B" word of @p ends: all
 * of the rest when it fits, else the last character end within
 * PRDR_MAIL_AUTOREPLY_WORD_OCTETS at a multiple of 3 octets, else NULL. */
static const char *
prdr_mail_autoreply_word_end (const char *p)
{
  const char *end = p, *whole = NULL;
  while (*end != '\0'
         && (gsize) (g_utf8_next_char (end) - p) <= PRDR_MAIL_AUTOREPLY_WORD_OCTETS) {
    end = g_utf8_next_char (end);
    if ((end - p) % 3 == 0)
      whole = end;
  }
  return *end == '\0' ? end : whole;
}

/* prdr_mail_autoreply_encode_words - @text (valid UTF-8, one line) as a
 * raw header value: RFC 2047 encoded words of whole characters, at most 75
 * octets each, one per line, the lines joined by "\n " (folded). */
static char *
prdr_mail_autoreply_encode_words (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;
  while (*p != '\0') {
    const char *end = prdr_mail_autoreply_word_end (p);
    g_string_append (out, out->len > 0 ? "\n " : "");
    if (end != NULL) {
      g_autofree char *b64 = g_base64_encode ((const guchar *) p, (gsize) (end - p));
      g_string_append_printf (out, "=?UTF-8?B?%s?=", b64);
    } else {                  /* one character as a "Q" word realigns */
      end = g_utf8_next_char (p);
      g_string_append (out, "=?UTF-8?Q?");
      for (const char *c = p; c < end; c++)
        g_string_append_printf (out, g_ascii_isalnum (*c) ? "%c" : "=%02X",
                                g_ascii_isalnum (*c) ? *c : (guchar) *c);
      g_string_append (out, "?=");
    }
    p = end;
  }
  return g_string_free (out, FALSE);
}

void
prdr_mail_autoreply_set_subject (GMimeMessage *message, const PrdrMailAutoreply *reply,
                                 const PrdrMailAutoreplyConfig *config, GMimeMessage *original)
{
  g_autofree char *text = prdr_mail_autoreply_subject_text (reply, config, original);
  g_autofree char *subject = prdr_mail_autoreply_subject_limit (
      text, config != NULL ? config->subject_max_chars : 0);
  g_mime_message_set_subject (message, subject, "utf-8");
  if (prdr_mail_text_is_ascii (subject))
    return;
  GMimeHeaderList *headers = g_mime_object_get_header_list (GMIME_OBJECT (message));
  g_autofree char *words = prdr_mail_autoreply_encode_words (subject);
  g_autofree char *raw = g_strdup_printf (" %s\n", words);
  g_mime_header_set_raw_value (g_mime_header_list_get_header (headers, "Subject"), raw);
}
