/*
 * lexer.h - Sieve tokens (RFC 5228 section 8.1): identifiers, tags,
 * numbers with K/M/G, quoted strings, multi-line text: strings with
 * dot-stuffing, comments, and the punctuation [ ] { } ( ) ; ,
 */
#ifndef PRDR_SIEVE_LEXER_H
#define PRDR_SIEVE_LEXER_H

#include <glib.h>

typedef enum {
  PRDR_SIEVE_TOKEN_EOF,
  PRDR_SIEVE_TOKEN_ERROR,       /* reported already; skip it */
  PRDR_SIEVE_TOKEN_IDENTIFIER,
  PRDR_SIEVE_TOKEN_TAG,         /* text without the ':' */
  PRDR_SIEVE_TOKEN_NUMBER,
  PRDR_SIEVE_TOKEN_STRING,
  PRDR_SIEVE_TOKEN_LBRACKET, PRDR_SIEVE_TOKEN_RBRACKET,
  PRDR_SIEVE_TOKEN_LBRACE, PRDR_SIEVE_TOKEN_RBRACE,
  PRDR_SIEVE_TOKEN_LPAREN, PRDR_SIEVE_TOKEN_RPAREN,
  PRDR_SIEVE_TOKEN_SEMICOLON, PRDR_SIEVE_TOKEN_COMMA,
  PRDR_SIEVE_TOKEN_GARBAGE,     /* characters that start no token (reported) */
} PrdrSieveTokenType;

typedef struct {
  PrdrSieveTokenType type;
  guint line, column;           /* where the token starts, 1-based */
  GString *text;                /* identifier, tag or string value */
  guint64 number;
} PrdrSieveToken;

/* Called for each lexical error, with the place it happened. */
typedef void (*PrdrSieveLexerErrorFunc) (gpointer data, guint line, guint column,
                                         const char *message);

typedef struct {
  const char *p, *end;          /* unread input */
  guint line, column;
  gsize max_string;             /* longer strings are reported once and cut */
  PrdrSieveLexerErrorFunc error;
  gpointer error_data;
  PrdrSieveToken token;         /* the current token */
} PrdrSieveLexer;

void prdr_sieve_lexer_init (PrdrSieveLexer *lx, const char *text, gsize length,
                            gsize max_string, PrdrSieveLexerErrorFunc error,
                            gpointer error_data);
void prdr_sieve_lexer_clear (PrdrSieveLexer *lx);
/* Read the next token into lx->token. */
void prdr_sieve_lexer_next (PrdrSieveLexer *lx);
const char *prdr_sieve_token_describe (PrdrSieveTokenType type);

#endif
