/*
 * test-sieve-lexer.c - the Sieve lexer: tokens with their positions,
 * multi-line strings with dot-stuffing, escapes, comments, numbers with
 * K/M/G up to 2^64-1, and the errors (unterminated strings/comments,
 * overflow, oversized strings reported once, identifiers over 32, one
 * error per run of stray characters).
 */
#include "sieve/lexer.h"

typedef struct {
  GPtrArray *errors;
} Errors;

static void
collect (gpointer data, guint line, guint column, const char *message)
{
  Errors *e = data;
  g_ptr_array_add (e->errors, g_strdup_printf ("%u:%u: %s", line, column, message));
}

/* lex - all tokens of @text as "TYPE@line:col=text" strings */
static GPtrArray *
lex (const char *text, gsize max_string, Errors *errs)
{
  PrdrSieveLexer lx;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  errs->errors = g_ptr_array_new_with_free_func (g_free);
  prdr_sieve_lexer_init (&lx, text, strlen (text), max_string, collect, errs);
  do
    {
      prdr_sieve_lexer_next (&lx);
      if (lx.token.type == PRDR_SIEVE_TOKEN_NUMBER)
        g_ptr_array_add (out, g_strdup_printf ("%d@%u:%u=%" G_GUINT64_FORMAT, lx.token.type,
                                               lx.token.line, lx.token.column, lx.token.number));
      else
        g_ptr_array_add (out, g_strdup_printf ("%d@%u:%u=%s", lx.token.type, lx.token.line,
                                               lx.token.column, lx.token.text->str));
    }
  while (lx.token.type != PRDR_SIEVE_TOKEN_EOF);
  prdr_sieve_lexer_clear (&lx);
  return out;
}

#define TOKEN(i) ((const char *) g_ptr_array_index (toks, (i)))

static void
test_tokens_positions (void)
{
  Errors e;
  g_autoptr (GPtrArray) toks = lex ("if header :is \"a\" [\"b\",\"c\"]\n  { stop; }", 1024, &e);

  g_assert_cmpuint (toks->len, ==, 14);
  g_assert_cmpstr (TOKEN (0), ==, "2@1:1=if");
  g_assert_cmpstr (TOKEN (2), ==, "3@1:11=is");
  g_assert_cmpstr (TOKEN (3), ==, "5@1:15=a");
  g_assert_cmpstr (TOKEN (4), ==, "6@1:19=");
  g_assert_cmpstr (TOKEN (9), ==, "8@2:3=");
  g_assert_cmpstr (TOKEN (10), ==, "2@2:5=stop");
  g_assert_cmpuint (e.errors->len, ==, 0);
  g_ptr_array_unref (e.errors);
}

static void
test_numbers (void)
{
  Errors e;
  g_autoptr (GPtrArray) toks = lex ("10 1K 2M 3G 99999999999999999999", 1024, &e);
  g_autoptr (GPtrArray) toks2 = NULL;

  g_assert_cmpstr (TOKEN (0), ==, "4@1:1=10");
  g_assert_cmpstr (TOKEN (1), ==, "4@1:4=1024");
  g_assert_cmpstr (TOKEN (2), ==, "4@1:7=2097152");
  g_assert_cmpstr (TOKEN (3), ==, "4@1:10=3221225472");
  g_assert_cmpuint (e.errors->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (e.errors, 0), ==,
                   "1:13: number exceeds integer limits (max 18446744073709551615)");
  g_ptr_array_unref (e.errors);
  /* the whole unsigned 64-bit range is a number; one more is not */
  toks2 = lex ("18446744073709551615 17179869183G 18446744073709551616 17179869184G", 1024, &e);
  g_assert_cmpstr (g_ptr_array_index (toks2, 0), ==, "4@1:1=18446744073709551615");
  g_assert_cmpstr (g_ptr_array_index (toks2, 1), ==, "4@1:22=18446744072635809792");
  g_assert_cmpuint (e.errors->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (e.errors, 0), ==,
                   "1:35: number exceeds integer limits (max 18446744073709551615)");
  g_assert_cmpstr (g_ptr_array_index (e.errors, 1), ==,
                   "1:56: number exceeds integer limits (max 18446744073709551615)");
  g_ptr_array_unref (e.errors);
}

static void
test_multiline_dotstuffing (void)
{
  Errors e;
  g_autoptr (GPtrArray) toks = lex ("reject text: # comment\n..dot\nline2\n.\n;", 1024, &e);

  g_autoptr (GPtrArray) toks2 = NULL;

  g_assert_cmpstr (TOKEN (1), ==, "5@1:8=.dot\r\nline2\r\n");
  g_assert_cmpstr (TOKEN (2), ==, "12@5:1=");
  g_assert_cmpuint (e.errors->len, ==, 0);
  g_ptr_array_unref (e.errors);
  /* RFC 5228 section 2.4.2: ".foo" is not dot-stuffed and keeps its dot */
  toks2 = lex ("text:\n.a\n..b\n.\n", 1024, &e);
  g_assert_cmpstr (g_ptr_array_index (toks2, 0), ==, "5@1:1=.a\r\n.b\r\n");
  g_assert_cmpuint (e.errors->len, ==, 0);
  g_ptr_array_unref (e.errors);
}

/* identifiers and tags longer than 32 are one error token each */
static void
test_long_identifiers (void)
{
  Errors e;
  g_autoptr (GPtrArray) toks = lex ("abcdefghijklmnopqrstuvwxyz012345 abcdefghijklmnopqrstuvwxyz0123456 "
                                    ":abcdefghijklmnopqrstuvwxyz0123456;", 1024, &e);

  g_assert_cmpstr (TOKEN (0), ==, "2@1:1=abcdefghijklmnopqrstuvwxyz012345");
  g_assert_cmpstr (TOKEN (1), ==, "1@1:34=abcdefghijklmnopqrstuvwxyz012345");
  g_assert_cmpstr (TOKEN (2), ==, "1@1:68=abcdefghijklmnopqrstuvwxyz012345");
  g_assert_cmpstr (TOKEN (3), ==, "12@1:102=");
  g_assert_cmpuint (e.errors->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (e.errors, 0), ==, "1:34: encountered impossibly long "
                   "identifier 'abcdefghijklmnopqrstuvwxyz012345...'");
  g_assert_cmpstr (g_ptr_array_index (e.errors, 1), ==, "1:68: encountered impossibly long "
                   "tag identifier ':abcdefghijklmnopqrstuvwxyz012345...'");
  g_ptr_array_unref (e.errors);
}

/* a run of characters that start no token is one token, one error */
static void
test_garbage_run (void)
{
  Errors e;
  g_autoptr (GPtrArray) toks = lex ("keep $$%$;\n@ /x", 1024, &e);

  g_assert_cmpstr (TOKEN (1), ==, "14@1:6=");
  g_assert_cmpstr (TOKEN (2), ==, "12@1:10=");
  g_assert_cmpstr (TOKEN (3), ==, "14@2:1=");
  g_assert_cmpstr (TOKEN (4), ==, "14@2:3=");
  g_assert_cmpstr (TOKEN (5), ==, "2@2:4=x");
  g_assert_cmpuint (e.errors->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (e.errors, 0), ==,
                   "1:6: unexpected character(s) starting with '$'");
  g_ptr_array_unref (e.errors);
}

static void
test_escapes_and_comments (void)
{
  Errors e;
  g_autoptr (GPtrArray) toks = lex ("# hash\n/* bracket\n comment */ \"a\\\"b\\\\c\\d\"", 1024, &e);

  g_assert_cmpstr (TOKEN (0), ==, "5@3:13=a\"b\\cd");
  g_assert_cmpuint (e.errors->len, ==, 0);
  g_ptr_array_unref (e.errors);
}

static void
test_errors (void)
{
  Errors e;
  g_autoptr (GPtrArray) toks = lex ("keep; /* open", 1024, &e);
  g_autoptr (GPtrArray) toks2 = NULL;

  g_assert_nonnull (toks);
  g_assert_cmpuint (e.errors->len, ==, 1);
  g_assert_cmpstr (TOKEN (0), ==, "2@1:1=keep");
  g_assert_cmpstr (g_ptr_array_index (e.errors, 0), ==, "1:7: end of script inside a /* comment");
  g_ptr_array_unref (e.errors);
  toks2 = lex ("\"unterminated", 1024, &e);
  g_assert_cmpstr (g_ptr_array_index (e.errors, 0), ==, "1:1: end of script inside a quoted string");
  g_ptr_array_unref (e.errors);
}

static void
test_oversized_string_reported_once (void)
{
  Errors e;
  g_autoptr (GPtrArray) toks = lex ("\"abcdefghij\" \"xy\"", 4, &e);

  g_assert_cmpuint (e.errors->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (e.errors, 0), ==, "1:1: string is too long");
  g_assert_cmpstr (TOKEN (0), ==, "5@1:1=abcd");
  g_assert_cmpstr (TOKEN (1), ==, "5@1:14=xy");
  g_ptr_array_unref (e.errors);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sieve/lexer/tokens", test_tokens_positions);
  g_test_add_func ("/sieve/lexer/numbers", test_numbers);
  g_test_add_func ("/sieve/lexer/multiline", test_multiline_dotstuffing);
  g_test_add_func ("/sieve/lexer/long-identifiers", test_long_identifiers);
  g_test_add_func ("/sieve/lexer/garbage", test_garbage_run);
  g_test_add_func ("/sieve/lexer/escapes", test_escapes_and_comments);
  g_test_add_func ("/sieve/lexer/errors", test_errors);
  g_test_add_func ("/sieve/lexer/oversized", test_oversized_string_reported_once);
  return g_test_run ();
}
