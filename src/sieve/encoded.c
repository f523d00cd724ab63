/*
 * encoded.c - the encoded-character extension (RFC 5228 section 2.4.2.4):
 * "${hex:41 42}" and "${unicode:263A}" inside strings, decoded at compile
 * time.  A sequence that is not well formed stays as written; a code point
 * above U+10FFFF or a surrogate is an error, and so is a NUL (${hex:00},
 * ${unicode:0}): the string grammar of RFC 5228 section 8.1 has no NUL
 * octet, no header or mailbox name can hold one, and decoding it into the
 * engine's NUL-terminated strings would silently cut the rest of the
 * string off.
 *
 *   prdr_sieve_encoded_decode
 */
#include "sieve-private.h"

#include <string.h>

static gboolean
prdr_sieve_encoded_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* prdr_sieve_encoded_seq - parse the hex numbers of "${hex:...}" starting
 * at @p (after the colon) up to '}'; appends the decoded text to @out.
 * Returns the position after '}', or NULL if malformed; *bad gets an
 * invalid code point. */
static const char *
prdr_sieve_encoded_seq (const char *p, gboolean unicode, GString *out, char **bad)
{
  guint count = 0;

  for (;;)
    {
      guint64 value = 0;
      guint digits = 0;
      while (prdr_sieve_encoded_blank (*p))
        p++;
      if (*p == '}')
        return count ? p + 1 : NULL;
      while (g_ascii_isxdigit (*p))
        {
          value = MIN (value * 16 + g_ascii_xdigit_value (*p), 0x7FFFFFFFu);
          digits++;
          p++;
        }
      if (digits == 0 || (!unicode && digits > 2)
          || !(prdr_sieve_encoded_blank (*p) || *p == '}'))
        return NULL;
      count++;
      if (value == 0)
        {
          if (!*bad)
            *bad = g_strdup (unicode ? "U+0 (NUL)" : "0x00 (NUL)");
        }
      else if (!unicode)
        g_string_append_c (out, (char) value);
      else if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        {
          if (!*bad)
            *bad = g_strdup_printf ("U+%" G_GINT64_MODIFIER "X", value);
        }
      else
        g_string_append_unichar (out, (gunichar) value);
    }
}

gboolean
prdr_sieve_encoded_decode (GString *s, char **bad)
{
  GString *out = g_string_sized_new (s->len);
  const char *p = s->str;

  *bad = NULL;
  while (*p)
    {
      gboolean hex = g_ascii_strncasecmp (p, "${hex:", 6) == 0;
      gboolean uni = !hex && g_ascii_strncasecmp (p, "${unicode:", 10) == 0;
      if (hex || uni)
        {
          gsize mark = out->len;
          const char *next = prdr_sieve_encoded_seq (p + (hex ? 6 : 10), uni, out, bad);
          if (next)
            {
              p = next;
              continue;
            }
          g_string_truncate (out, mark);
        }
      g_string_append_c (out, *p++);
    }
  g_string_assign (s, out->str);
  g_string_free (out, TRUE);
  return *bad == NULL;
}
