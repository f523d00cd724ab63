/*
 * lexer.c - the Sieve lexer (RFC 5228 section 8.1).
 *
 *   prdr_sieve_lexer_init / _next / _clear
 *
 * Tokens carry the line and column where they start.  Multi-line strings
 * ("text:" ... ".") have their dot-stuffing removed (a line starting ".."
 * loses one dot, ".foo" stays ".foo") and their lines end in CRLF as RFC
 * 5228 section 2.4.2 defines; so do line breaks inside quoted strings.
 * Quoted strings keep "\\" and "\"" escapes and drop the backslash of any
 * other escape.  A run of characters that can start no token is one
 * GARBAGE token, reported once.  Limits: a string longer than the
 * configured size is reported once and scanned to its end without growing;
 * an identifier or tag longer than PRDR_SIEVE_MAX_IDENTIFIER_TOKEN and a
 * number above 2^64-1 are error tokens.
 */
#include "lexer.h"

#include <string.h>
#include "limits.h"

void
prdr_sieve_lexer_init (PrdrSieveLexer *lx, const char *text, gsize length,
                       gsize max_string, PrdrSieveLexerErrorFunc error,
                       gpointer error_data)
{
  memset (lx, 0, sizeof *lx);
  lx->p = text;
  lx->end = text + length;
  lx->line = 1;
  lx->column = 1;
  lx->max_string = max_string;
  lx->error = error;
  lx->error_data = error_data;
  lx->token.text = g_string_new (NULL);
}

void
prdr_sieve_lexer_clear (PrdrSieveLexer *lx)
{
  if (lx->token.text)
    g_string_free (lx->token.text, TRUE);
  lx->token.text = NULL;
}

/* prdr_sieve_lexer_error - report at the current token's start */
static void
prdr_sieve_lexer_error (PrdrSieveLexer *lx, const char *message)
{
  lx->error (lx->error_data, lx->token.line, lx->token.column, message);
}

static int
prdr_sieve_lexer_peek (PrdrSieveLexer *lx, gsize ahead)
{
  return lx->p + ahead < lx->end ? (guchar) lx->p[ahead] : -1;
}

static void
prdr_sieve_lexer_advance (PrdrSieveLexer *lx)
{
  if (lx->p >= lx->end)
    return;
  if (*lx->p == '\n')
    {
      lx->line++;
      lx->column = 1;
    }
  else
    lx->column++;
  lx->p++;
}

/* prdr_sieve_lexer_append - add one octet to the token text, reporting
 * an oversized string once */
static void
prdr_sieve_lexer_append (PrdrSieveLexer *lx, char c, gboolean *reported)
{
  if (lx->token.text->len < lx->max_string)
    {
      g_string_append_c (lx->token.text, c);
      return;
    }
  if (!*reported)
    prdr_sieve_lexer_error (lx, "string is too long");
  *reported = TRUE;
}

/* prdr_sieve_lexer_skip_space - white space and comments; FALSE on an
 * unterminated bracket comment (reported) */
static gboolean
prdr_sieve_lexer_skip_space (PrdrSieveLexer *lx)
{
  for (;;)
    {
      int c = prdr_sieve_lexer_peek (lx, 0);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
        prdr_sieve_lexer_advance (lx);
      else if (c == '#')
        {
          while (lx->p < lx->end && *lx->p != '\n')
            prdr_sieve_lexer_advance (lx);
        }
      else if (c == '/' && prdr_sieve_lexer_peek (lx, 1) == '*')
        {
          lx->token.line = lx->line;
          lx->token.column = lx->column;
          prdr_sieve_lexer_advance (lx);
          prdr_sieve_lexer_advance (lx);
          while (lx->p < lx->end
                 && !(lx->p[0] == '*' && prdr_sieve_lexer_peek (lx, 1) == '/'))
            prdr_sieve_lexer_advance (lx);
          if (lx->p >= lx->end)
            {
              prdr_sieve_lexer_error (lx, "end of script inside a /* comment");
              return FALSE;
            }
          prdr_sieve_lexer_advance (lx);
          prdr_sieve_lexer_advance (lx);
        }
      else
        return TRUE;
    }
}

static void
prdr_sieve_lexer_quoted (PrdrSieveLexer *lx)
{
  gboolean reported = FALSE;

  prdr_sieve_lexer_advance (lx);  /* the opening quote */
  for (;;)
    {
      int c = prdr_sieve_lexer_peek (lx, 0);
      if (c < 0)
        {
          prdr_sieve_lexer_error (lx, "end of script inside a quoted string");
          lx->token.type = PRDR_SIEVE_TOKEN_ERROR;
          return;
        }
      prdr_sieve_lexer_advance (lx);
      if (c == '"')
        break;
      if (c == '\\')
        {
          c = prdr_sieve_lexer_peek (lx, 0);
          if (c < 0)
            continue;
          prdr_sieve_lexer_advance (lx);
        }
      else if (c == '\n' && !(lx->token.text->len && lx->token.text->str[lx->token.text->len - 1] == '\r'))
        prdr_sieve_lexer_append (lx, '\r', &reported);   /* lines end in CRLF, as in text: */
      prdr_sieve_lexer_append (lx, (char) c, &reported);
    }
  lx->token.type = PRDR_SIEVE_TOKEN_STRING;
}

/* prdr_sieve_lexer_multiline - after "text:": rest of the line must be
 * white space or a hash comment; then lines up to a lone "." */
static void
prdr_sieve_lexer_multiline (PrdrSieveLexer *lx)
{
  gboolean reported = FALSE;

  while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t'))
    prdr_sieve_lexer_advance (lx);
  if (lx->p < lx->end && *lx->p == '#')
    while (lx->p < lx->end && *lx->p != '\n')
      prdr_sieve_lexer_advance (lx);
  if (lx->p < lx->end && *lx->p == '\r')
    prdr_sieve_lexer_advance (lx);
  if (lx->p >= lx->end || *lx->p != '\n')
    {
      prdr_sieve_lexer_error (lx, "text: must be followed by the end of the line");
      while (lx->p < lx->end && *lx->p != '\n')
        prdr_sieve_lexer_advance (lx);
    }
  prdr_sieve_lexer_advance (lx);
  for (;;)
    {
      const char *eol;
      gsize len;

      if (lx->p >= lx->end)
        {
          prdr_sieve_lexer_error (lx, "end of script inside a text: string");
          lx->token.type = PRDR_SIEVE_TOKEN_ERROR;
          return;
        }
      eol = memchr (lx->p, '\n', lx->end - lx->p);
      len = (eol ? eol : lx->end) - lx->p;
      if (len > 0 && lx->p[len - 1] == '\r')
        len--;
      if (len == 1 && lx->p[0] == '.')
        {
          while (lx->p < lx->end && *lx->p != '\n')
            prdr_sieve_lexer_advance (lx);
          prdr_sieve_lexer_advance (lx);
          break;
        }
      /* RFC 5228 section 2.4.2: only ".." is dot-stuffing; ".foo" is ".foo" */
      for (gsize i = (len >= 2 && lx->p[0] == '.' && lx->p[1] == '.') ? 1 : 0; i < len; i++)
        prdr_sieve_lexer_append (lx, lx->p[i], &reported);
      if (eol)
        {
          prdr_sieve_lexer_append (lx, '\r', &reported);
          prdr_sieve_lexer_append (lx, '\n', &reported);
        }
      while (lx->p < lx->end && *lx->p != '\n')
        prdr_sieve_lexer_advance (lx);
      prdr_sieve_lexer_advance (lx);
    }
  lx->token.type = PRDR_SIEVE_TOKEN_STRING;
}

static void
prdr_sieve_lexer_number (PrdrSieveLexer *lx)
{
  guint64 value = 0, shift = 0;
  gboolean overflow = FALSE;

  while (lx->p < lx->end && g_ascii_isdigit (*lx->p))
    {
      guint digit = *lx->p - '0';
      if (value > (G_MAXUINT64 - digit) / 10)
        overflow = TRUE;
      else
        value = value * 10 + digit;
      prdr_sieve_lexer_advance (lx);
    }
  switch (prdr_sieve_lexer_peek (lx, 0))
    {
    case 'K': case 'k': shift = 10; break;
    case 'M': case 'm': shift = 20; break;
    case 'G': case 'g': shift = 30; break;
    default: break;
    }
  if (shift)
    {
      prdr_sieve_lexer_advance (lx);
      if (value > (G_MAXUINT64 >> shift))
        overflow = TRUE;
      value <<= shift;
    }
  lx->token.type = PRDR_SIEVE_TOKEN_NUMBER;
  lx->token.number = value;
  if (overflow)
    {
      prdr_sieve_lexer_error (lx, "number exceeds integer limits (max 18446744073709551615)");
      lx->token.type = PRDR_SIEVE_TOKEN_ERROR;
    }
}

/* prdr_sieve_lexer_word - identifier, tag, or the start of text: */
static void
prdr_sieve_lexer_word (PrdrSieveLexer *lx, gboolean tag)
{
  gboolean reported = FALSE;

  if (tag)
    prdr_sieve_lexer_advance (lx);
  if (lx->p >= lx->end || !(g_ascii_isalpha (*lx->p) || *lx->p == '_'))
    {
      prdr_sieve_lexer_error (lx, "a tag needs a name after ':'");
      lx->token.type = PRDR_SIEVE_TOKEN_ERROR;
      return;
    }
  while (lx->p < lx->end && (g_ascii_isalnum (*lx->p) || *lx->p == '_'))
    {
      if (lx->token.text->len >= PRDR_SIEVE_MAX_IDENTIFIER_TOKEN && !reported)
        {
          g_autofree char *msg = g_strdup_printf ("encountered impossibly long %sidentifier "
                                                  "'%s%s...'", tag ? "tag " : "",
                                                  tag ? ":" : "", lx->token.text->str);
          prdr_sieve_lexer_error (lx, msg);
          reported = TRUE;
        }
      if (!reported)
        g_string_append_c (lx->token.text, *lx->p);
      prdr_sieve_lexer_advance (lx);
    }
  if (reported)
    {
      lx->token.type = PRDR_SIEVE_TOKEN_ERROR;
      return;
    }
  if (!tag && strcmp (lx->token.text->str, "text") == 0
      && prdr_sieve_lexer_peek (lx, 0) == ':')
    {
      prdr_sieve_lexer_advance (lx);
      g_string_truncate (lx->token.text, 0);
      prdr_sieve_lexer_multiline (lx);
      return;
    }
  lx->token.type = tag ? PRDR_SIEVE_TOKEN_TAG : PRDR_SIEVE_TOKEN_IDENTIFIER;
}

/* prdr_sieve_lexer_is_garbage - can @c not start any token? */
static gboolean
prdr_sieve_lexer_is_garbage (PrdrSieveLexer *lx, int c)
{
  if (c < 0 || g_ascii_isalnum (c) || strchr (" \t\r\n[]{}();,\":#_", c))
    return FALSE;
  return !(c == '/' && prdr_sieve_lexer_peek (lx, 1) == '*');
}

/* prdr_sieve_lexer_garbage - a run of characters that start no token is
 * one GARBAGE token, reported once */
static void
prdr_sieve_lexer_garbage (PrdrSieveLexer *lx, int c)
{
  g_autofree char *msg = g_ascii_isprint (c)
    ? g_strdup_printf ("unexpected character(s) starting with '%c'", c)
    : g_strdup_printf ("unexpected character(s) starting with octet 0x%02x", c);

  prdr_sieve_lexer_error (lx, msg);
  do
    prdr_sieve_lexer_advance (lx);
  while (prdr_sieve_lexer_is_garbage (lx, prdr_sieve_lexer_peek (lx, 0)));
  lx->token.type = PRDR_SIEVE_TOKEN_GARBAGE;
}

static const struct {
  char c;
  PrdrSieveTokenType type;
} prdr_sieve_lexer_punct[] = {
  { '[', PRDR_SIEVE_TOKEN_LBRACKET }, { ']', PRDR_SIEVE_TOKEN_RBRACKET },
  { '{', PRDR_SIEVE_TOKEN_LBRACE }, { '}', PRDR_SIEVE_TOKEN_RBRACE },
  { '(', PRDR_SIEVE_TOKEN_LPAREN }, { ')', PRDR_SIEVE_TOKEN_RPAREN },
  { ';', PRDR_SIEVE_TOKEN_SEMICOLON }, { ',', PRDR_SIEVE_TOKEN_COMMA },
};

void
prdr_sieve_lexer_next (PrdrSieveLexer *lx)
{
  int c;

  g_string_truncate (lx->token.text, 0);
  lx->token.number = 0;
  if (!prdr_sieve_lexer_skip_space (lx))
    {
      lx->p = lx->end;
      lx->token.type = PRDR_SIEVE_TOKEN_EOF;
      return;
    }
  lx->token.line = lx->line;
  lx->token.column = lx->column;
  c = prdr_sieve_lexer_peek (lx, 0);
  if (c < 0)
    {
      lx->token.type = PRDR_SIEVE_TOKEN_EOF;
      return;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (prdr_sieve_lexer_punct); i++)
    if (prdr_sieve_lexer_punct[i].c == c)
      {
        prdr_sieve_lexer_advance (lx);
        lx->token.type = prdr_sieve_lexer_punct[i].type;
        return;
      }
  if (c == '"')
    prdr_sieve_lexer_quoted (lx);
  else if (g_ascii_isdigit (c))
    prdr_sieve_lexer_number (lx);
  else if (c == ':')
    prdr_sieve_lexer_word (lx, TRUE);
  else if (g_ascii_isalpha (c) || c == '_')
    prdr_sieve_lexer_word (lx, FALSE);
  else
    prdr_sieve_lexer_garbage (lx, c);
}

const char *
prdr_sieve_token_describe (PrdrSieveTokenType type)
{
  static const char *const names[] = {
    "end of script", "invalid token", "identifier", "tag", "number", "string",
    "'['", "']'", "'{'", "'}'", "'('", "')'", "';'", "','", "unknown characters",
  };
  return names[type];
}
