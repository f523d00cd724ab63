/*
 * html-text.c - the text of an HTML document, for body :text and
 * extracttext (RFC 5173 section 5.3: "implementations MAY strip mark-up
 * from the text prior to matching").
 *
 *   prdr_sieve_html_to_text
 *
 * One pass over the input: tags and comments are dropped, the content of
 * script and style elements too; a block-level tag (p, br, div, li, tr,
 * td, h1..h6, ...) separates words like white space; runs of white space
 * become one space (so "<h1>a</h1><p>b" is "a b", as Pigeonhole has it);
 * character references (&amp; &#233; &#xE9; and the few named ones mail
 * uses) become UTF-8.  Hostile input: linear time, the output is
 * never longer than the input, an unterminated tag or comment ends the
 * text, an unknown or invalid reference is kept as written.
 */
#include "sieve-private.h"

#include <string.h>

/* Longest character reference we decode ("&#x10FFFF;" is 10 octets). */
#define PRDR_SIEVE_HTML_MAX_REFERENCE 10

static const char *const prdr_sieve_html_block_tags[] = {
  "address", "blockquote", "br", "dd", "div", "dl", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
  "hr", "li", "ol", "p", "pre", "table", "td", "th", "tr", "ul", NULL,
};

static const struct {
  const char *name;
  const char *utf8;
} prdr_sieve_html_entities[] = {
  { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
  { "nbsp", " " },
};

/* prdr_sieve_html_append - text to @out, white space runs folded to one */
static void
prdr_sieve_html_append (GString *out, const char *text, gsize len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isspace (text[i]))
        {
          if (out->len > 0 && !g_ascii_isspace (out->str[out->len - 1]))
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, text[i]);
    }
}

/* prdr_sieve_html_reference - decode the reference at @p ('&'); returns
 * the octets it used, 0 when it is not one we decode */
static gsize
prdr_sieve_html_reference (const char *p, gsize len, GString *out)
{
  const char *semi = memchr (p, ';', MIN (len, (gsize) PRDR_SIEVE_HTML_MAX_REFERENCE + 1));
  gsize n;

  if (!semi)
    return 0;
  n = semi - p + 1;
  if (p[1] == '#')
    {
      gboolean hex = p[2] == 'x' || p[2] == 'X';
      const char *digits = p + (hex ? 3 : 2);
      char *end = NULL;
      guint64 cp = g_ascii_strtoull (digits, &end, hex ? 16 : 10);
      char buf[6];
      if (!g_ascii_isxdigit (*digits) || end != semi || cp == 0 || cp > 0x10FFFF
          || !g_unichar_validate ((gunichar) cp))
        return 0;
      prdr_sieve_html_append (out, buf, g_unichar_to_utf8 ((gunichar) cp, buf));
      return n;
    }
  for (guint i = 0; i < G_N_ELEMENTS (prdr_sieve_html_entities); i++)
    if (strlen (prdr_sieve_html_entities[i].name) == n - 2
        && g_ascii_strncasecmp (p + 1, prdr_sieve_html_entities[i].name, n - 2) == 0)
      {
        prdr_sieve_html_append (out, prdr_sieve_html_entities[i].utf8, 1);
        return n;
      }
  return 0;
}

/* prdr_sieve_html_tag_is - does the tag at @p ('<') have name @name? */
static gboolean
prdr_sieve_html_tag_is (const char *p, const char *end, const char *name)
{
  gsize l = strlen (name);

  p += p + 1 < end && p[1] == '/' ? 2 : 1;
  return (gsize) (end - p) >= l && g_ascii_strncasecmp (p, name, l) == 0
    && (p + l == end || !g_ascii_isalnum (p[l]));
}

/* prdr_sieve_html_skip_element - for <script> and <style>: the position
 * after the matching end tag (or @end) */
static const char *
prdr_sieve_html_skip_element (const char *p, const char *end, const char *name)
{
  for (p = memchr (p, '<', end - p); p; p = memchr (p + 1, '<', end - p - 1))
    if (p + 1 < end && p[1] == '/' && prdr_sieve_html_tag_is (p, end, name))
      {
        const char *gt = memchr (p, '>', end - p);
        return gt ? gt + 1 : end;
      }
  return end;
}

/* prdr_sieve_html_tag - drop the tag or comment at @p ('<'); returns the
 * position after it */
static const char *
prdr_sieve_html_tag (const char *p, const char *end, GString *out)
{
  const char *close;

  if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
    {
      close = g_strstr_len (p + 4, end - p - 4, "-->");
      return close ? close + 3 : end;
    }
  close = memchr (p, '>', end - p);
  if (!close)
    return end;
  if (p[1] != '/' && (prdr_sieve_html_tag_is (p, close, "script")
                      || prdr_sieve_html_tag_is (p, close, "style")))
    return prdr_sieve_html_skip_element (close + 1, end,
                                         prdr_sieve_html_tag_is (p, close, "script")
                                         ? "script" : "style");
  for (guint i = 0; prdr_sieve_html_block_tags[i]; i++)
    if (prdr_sieve_html_tag_is (p, close, prdr_sieve_html_block_tags[i]))
      {
        prdr_sieve_html_append (out, " ", 1);   /* words of two blocks stay apart */
        break;
      }
  return close + 1;
}

/* prdr_sieve_html_opens_tag - '<' followed by a name, '/', '!' or '?';
 * any other '<' is text ("a < b") */
static gboolean
prdr_sieve_html_opens_tag (const char *p, const char *end)
{
  return p + 1 < end && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!' || p[1] == '?');
}

static const char *
prdr_sieve_html_literal (const char *p, GString *out)
{
  prdr_sieve_html_append (out, p, 1);
  return p + 1;
}

char *
prdr_sieve_html_to_text (const char *html, gsize len)
{
  GString *out = g_string_sized_new (len);
  const char *p = html, *end = html + len;

  while (p < end)
    {
      const char *stop = p;
      while (stop < end && *stop != '<' && *stop != '&')
        stop++;
      prdr_sieve_html_append (out, p, stop - p);
      if (stop == end)
        break;
      if (*stop == '<')
        p = prdr_sieve_html_opens_tag (stop, end) ? prdr_sieve_html_tag (stop, end, out)
          : prdr_sieve_html_literal (stop, out);
      else
        {
          gsize used = prdr_sieve_html_reference (stop, end - stop, out);
          p = used ? stop + used : prdr_sieve_html_literal (stop, out);
        }
    }
  return g_string_free (out, FALSE);
}
