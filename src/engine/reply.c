/*
 * reply.c - SMTP replies of verdicts (prdr/verdict.h): building, parsing and
 * validating them, and the names of verdict kinds.
 *
 * Implements:
 *   RFC 5321 section 4.2   reply codes: three digits, first 4 or 5 here (only
 *                          reject and tempfail carry a reply), second 0-5
 *   RFC 3463 section 2     enhanced status codes "class.subject.detail",
 *                          class equal to the reply code's first digit,
 *                          subject and detail 1 to 3 digits
 *   RFC 5321 4.2 textstring: no CR, LF, NUL or other control characters
 *                          (TAB is allowed); UTF-8 is allowed (SMTPUTF8)
 *
 * Limits: reply text at most PRDR_REPLY_TEXT_MAX octets; longer text is
 * refused, never truncated.  For libmilter, '%' is doubled
 * (prdr_reply_text_for_milter) because smfi_setreply() formats its text.
 */
#include <string.h>

#include <prdr/verdict.h>

G_DEFINE_QUARK (prdr-reply-error-quark, prdr_reply_error)

/* The longest enhanced code: "5.999.999". */
#define PRDR_REPLY_ENHANCED_MAX 9

const char *
prdr_verdict_kind_name (PrdrVerdictKind kind)
{
  switch (kind)
    {
    case PRDR_VERDICT_CONTINUE: return "continue";
    case PRDR_VERDICT_ACCEPT: return "accept";
    case PRDR_VERDICT_DISCARD: return "discard";
    case PRDR_VERDICT_REJECT: return "reject";
    case PRDR_VERDICT_TEMPFAIL: return "tempfail";
    }
  return "unknown";
}

/* prdr_reply_code_valid - "4xy"/"5xy" with x in 0-5 and y a digit. */
static gboolean
prdr_reply_code_valid (const char *code)
{
  return code != NULL && strlen (code) == 3
         && (code[0] == '4' || code[0] == '5')
         && code[1] >= '0' && code[1] <= '5'
         && g_ascii_isdigit (code[2]);
}

/* prdr_reply_digits_length - how many ASCII digits @s starts with. */
static gsize
prdr_reply_digits_length (const char *s)
{
  gsize n = 0;
  while (g_ascii_isdigit (s[n]))
    n++;
  return n;
}

/* prdr_reply_enhanced_length - the length of the RFC 3463 code "c.s.d" at
 * the start of @s (class one digit 2, 4 or 5; subject and detail 1 to 3
 * digits), or 0 when @s does not start with one. */
static gsize
prdr_reply_enhanced_length (const char *s)
{
  gsize pos, n;

  if ((s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.')
    return 0;
  pos = 2;
  n = prdr_reply_digits_length (s + pos);
  if (n < 1 || n > 3 || s[pos + n] != '.')
    return 0;
  pos += n + 1;
  n = prdr_reply_digits_length (s + pos);
  if (n < 1 || n > 3)
    return 0;
  return pos + n;
}

static gboolean
prdr_reply_enhanced_valid (const char *enhanced)
{
  gsize n = prdr_reply_enhanced_length (enhanced);
  return n > 0 && enhanced[n] == '\0';
}

gboolean
prdr_reply_text_valid (const char *text, GError **error)
{
  gsize length = strlen (text);

  if (length > PRDR_REPLY_TEXT_MAX)
    {
      g_set_error (error, PRDR_REPLY_ERROR, PRDR_REPLY_ERROR_TEXT,
                   "reply text is %" G_GSIZE_FORMAT " octets long, at most %d allowed",
                   length, PRDR_REPLY_TEXT_MAX);
      return FALSE;
    }
  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error (error, PRDR_REPLY_ERROR, PRDR_REPLY_ERROR_TEXT,
                   "reply text is not valid UTF-8");
      return FALSE;
    }
  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) text[i];
      if ((c < 0x20 && c != '\t') || c == 0x7f)
        {
          g_set_error (error, PRDR_REPLY_ERROR, PRDR_REPLY_ERROR_TEXT,
                       "reply text contains the control character 0x%02x at offset %"
                       G_GSIZE_FORMAT, c, i);
          return FALSE;
        }
    }
  return TRUE;
}

PrdrReply *
prdr_reply_new (const char *code, const char *enhanced_code, const char *text,
                GError **error)
{
  PrdrReply *reply;

  if (!prdr_reply_code_valid (code))
    {
      g_set_error (error, PRDR_REPLY_ERROR, PRDR_REPLY_ERROR_CODE,
                   "reply code \"%s\" is not 4xx or 5xx", code ? code : "");
      return NULL;
    }
  if (enhanced_code != NULL && !prdr_reply_enhanced_valid (enhanced_code))
    {
      g_set_error (error, PRDR_REPLY_ERROR, PRDR_REPLY_ERROR_CODE,
                   "enhanced status code \"%s\" is not of the form class.subject.detail",
                   enhanced_code);
      return NULL;
    }
  if (enhanced_code != NULL && enhanced_code[0] != code[0])
    {
      g_set_error (error, PRDR_REPLY_ERROR, PRDR_REPLY_ERROR_CODE,
                   "enhanced status code %s does not match the class of reply code %s",
                   enhanced_code, code);
      return NULL;
    }
  if (text == NULL)
    text = "";
  if (!prdr_reply_text_valid (text, error))
    return NULL;
  reply = g_new0 (PrdrReply, 1);
  reply->code = g_strdup (code);
  reply->enhanced_code = enhanced_code ? g_strdup (enhanced_code)
                                       : g_strdup_printf ("%c.0.0", code[0]);
  reply->text = g_strdup (text);
  return reply;
}

/* prdr_reply_code_for_enhanced - the SMTP code that goes with an enhanced
 * code given alone: @default_code when the classes agree, else x50. */
static void
prdr_reply_code_for_enhanced (const char *enhanced, const char *default_code,
                              char code[4])
{
  if (default_code[0] == enhanced[0])
    g_strlcpy (code, default_code, 4);
  else
    g_snprintf (code, 4, "%c50", enhanced[0]);
}

/* prdr_reply_enhanced_for_code - the enhanced code that goes with an SMTP
 * code given alone: @default_enhanced with its class set to the code's
 * (so "451" with default "5.7.1" gives "4.7.1"), or "X.0.0". */
static void
prdr_reply_enhanced_for_code (const char *code, const char *default_enhanced,
                              char enhanced[PRDR_REPLY_ENHANCED_MAX + 1])
{
  if (default_enhanced != NULL && prdr_reply_enhanced_valid (default_enhanced))
    {
      g_strlcpy (enhanced, default_enhanced, PRDR_REPLY_ENHANCED_MAX + 1);
      enhanced[0] = code[0];
    }
  else
    g_snprintf (enhanced, PRDR_REPLY_ENHANCED_MAX + 1, "%c.0.0", code[0]);
}

/* prdr_reply_take_word - when @line starts with a word of @length octets
 * followed by a space or the end, copy it to @out, advance @line past it and
 * its one separating space, and return TRUE. */
static gboolean
prdr_reply_take_word (const char **line, gsize length, char *out, gsize out_size)
{
  const char *s = *line;

  if (length == 0 || length >= out_size || (s[length] != ' ' && s[length] != '\0'))
    return FALSE;
  memcpy (out, s, length);
  out[length] = '\0';
  *line = s[length] == ' ' ? s + length + 1 : s + length;
  return TRUE;
}

PrdrReply *
prdr_reply_parse (const char *line, const char *default_code,
                  const char *default_enhanced_code, GError **error)
{
  char code[4] = "", enhanced[PRDR_REPLY_ENHANCED_MAX + 1] = "";
  const char *text = line;
  gboolean have_code, have_enhanced;

  if (default_code == NULL || !prdr_reply_code_valid (default_code))
    default_code = "550";
  have_code = prdr_reply_digits_length (text) == 3
              && prdr_reply_take_word (&text, 3, code, sizeof code);
  if (have_code && !prdr_reply_code_valid (code))
    {
      g_set_error (error, PRDR_REPLY_ERROR, PRDR_REPLY_ERROR_CODE,
                   "reply code \"%s\" is not 4xx or 5xx", code);
      return NULL;
    }
  have_enhanced = prdr_reply_take_word (&text, prdr_reply_enhanced_length (text),
                                        enhanced, sizeof enhanced);
  if (have_enhanced && enhanced[0] == '2')
    {
      g_set_error (error, PRDR_REPLY_ERROR, PRDR_REPLY_ERROR_CODE,
                   "enhanced status code %s is not a failure (4.x.x or 5.x.x)", enhanced);
      return NULL;
    }
  if (!have_code && have_enhanced)
    prdr_reply_code_for_enhanced (enhanced, default_code, code);
  else if (!have_code)
    g_strlcpy (code, default_code, sizeof code);
  if (!have_enhanced)
    prdr_reply_enhanced_for_code (code, default_enhanced_code, enhanced);
  return prdr_reply_new (code, enhanced, text, error);
}

PrdrReply *
prdr_reply_copy (const PrdrReply *reply)
{
  PrdrReply *copy;

  if (reply == NULL)
    return NULL;
  copy = g_new0 (PrdrReply, 1);
  copy->code = g_strdup (reply->code);
  copy->enhanced_code = g_strdup (reply->enhanced_code);
  copy->text = g_strdup (reply->text);
  return copy;
}

void
prdr_reply_free (PrdrReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->code);
  g_free (reply->enhanced_code);
  g_free (reply->text);
  g_free (reply);
}

char *
prdr_reply_text_for_milter (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 8);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%')
        g_string_append_c (out, '%');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}
