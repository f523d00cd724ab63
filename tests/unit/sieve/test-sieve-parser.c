/*
 * test-sieve-parser.c - parser and validator: what compiles, and the
 * "file:line:col: message" errors for what does not (syntax errors with
 * recovery to the next command, unknown commands/tags/capabilities,
 * argument checks, require placement, the error cap, nesting limit).
 */
#include "sieve-test-util.h"
#include "sieve/limits.h"

static PrdrSieveContext ctx;

#define assert_compiles(script)                                              \
  G_STMT_START {                                                             \
    g_autofree char *d_ = compile_diags (&ctx, script);                      \
    g_assert_cmpstr (d_, ==, "");                                            \
  } G_STMT_END
#define assert_diags(script, expected)                                       \
  G_STMT_START {                                                             \
    g_autofree char *d_ = compile_diags (&ctx, script);                      \
    g_assert_cmpstr (d_, ==, expected);                                      \
  } G_STMT_END

static void
test_valid_scripts (void)
{
  assert_compiles ("");
  assert_compiles ("# only a comment\n");
  assert_compiles ("keep;");
  assert_compiles ("if true { keep; } elsif false { discard; } else { stop; }");
  assert_compiles ("if anyof (not exists \"x\", allof (true, size :over 1K)) {}");
  assert_compiles ("require [\"fileinto\"];\nfileinto \"a\";");
  /* tags in any order before positional arguments */
  assert_compiles ("if header :comparator \"i;octet\" :contains \"a\" \"b\" { keep; }");
  assert_compiles ("if header :contains :comparator \"i;octet\" [\"a\", \"c\"] \"b\" { keep; }");
  assert_compiles ("if address :domain :is \"from\" \"x\" { keep; }");
  assert_compiles ("if HEADER :IS \"a\" \"b\" { KEEP; }");
}

static void
test_syntax_errors_recover (void)
{
  /* each bad command is reported, the parser goes on with the next */
  /* "keep stop;" is keep with a test: a validation error after the parse */
  assert_diags ("keep\nstop;\ndiscard",
                "t.sieve:3:8: expected ';' or a block after the command arguments, "
                "but found end of script\n"
                "t.sieve:1:1: keep takes no tests");
  assert_diags ("discard ]; keep;\nfrob",
                "t.sieve:1:9: expected ';' or a block after the command arguments, "
                "but found ']'\n"
                "t.sieve:2:5: expected ';' or a block after the command arguments, "
                "but found end of script");
  assert_diags ("if true { keep; ", "t.sieve:1:17: expected '}' to close the block, "
                "but found end of script");
  assert_diags ("if header :is [\"a\" \"b\"] \"c\" { keep; }",
                "t.sieve:1:20: expected ',' or ']' in the string list, but found string");
  assert_diags ("}", "t.sieve:1:1: expected a command, but found '}'");
}

static void
test_validation_errors (void)
{
  assert_diags ("frob;", "t.sieve:1:1: unknown command 'frob'");
  assert_diags ("fileinto \"x\";",
                "t.sieve:1:1: unknown command 'fileinto' (the extension must be required)");
  assert_diags ("require \"nope\";", "t.sieve:1:9: unknown Sieve capability 'nope'");
  assert_diags ("keep; require \"fileinto\";",
                "t.sieve:1:7: require must be at the top, before any other command");
  assert_diags ("if header :frob \"a\" \"b\" {}",
                "t.sieve:1:11: unknown tagged argument ':frob' for the header test");
  assert_diags ("if header :is :contains \"a\" \"b\" {}",
                "t.sieve:1:15: header: more than one match type argument");
  assert_diags ("if header \"a\" {}",
                "t.sieve:1:4: the header test expects a string list as argument 2");
  assert_diags ("redirect 1;", "t.sieve:1:10: the redirect command expects a string as argument 1");
  assert_diags ("keep \"x\";", "t.sieve:1:6: too many arguments for the keep command");
  assert_diags ("if true;", "t.sieve:1:1: if needs a block");
  assert_diags ("else { keep; }", "t.sieve:1:1: else is not preceded by if or elsif");
  assert_diags ("if keep {}", "t.sieve:1:4: 'keep' is a command, not a test");
  assert_diags ("true;", "t.sieve:1:1: 'true' is a test, not a command");
  assert_diags ("if size 10 {}", "t.sieve:1:9: too many arguments for the size test");
  assert_diags ("if header :comparator \"i;ascii-numeric\" :is \"a\" \"1\" {}",
                "t.sieve:1:23: unknown comparator 'i;ascii-numeric' (it must be required)");
  assert_diags ("require \"comparator-i;ascii-numeric\";\n"
                "if header :comparator \"i;ascii-numeric\" :contains \"a\" \"1\" {}",
                "t.sieve:2:4: comparator 'i;ascii-numeric' does not support the :contains "
                "match type");
  assert_diags ("redirect \"not an address\";",
                "t.sieve:1:10: specified redirect address 'not an address' is invalid");
}

static void
test_error_cap (void)
{
  g_autoptr (GString) script = g_string_new (NULL);
  g_autofree char *d = NULL;
  g_auto (GStrv) lines = NULL;

  for (int i = 0; i < 100; i++)
    g_string_append (script, "frob;\n");
  d = compile_diags (&ctx, script->str);
  lines = g_strsplit (d, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, PRDR_SIEVE_MAX_ERRORS);
}

static void
test_nesting_limit (void)
{
  g_autoptr (GString) script = g_string_new (NULL);
  g_autofree char *d = NULL;

  for (int i = 0; i < 40; i++)
    g_string_append (script, "if true {");
  for (int i = 0; i < 40; i++)
    g_string_append (script, "}");
  d = compile_diags (&ctx, script->str);
  g_assert_true (g_str_has_prefix (d, "t.sieve:1:"));
  g_assert_nonnull (strstr (d, "nested deeper than 32 levels"));
}

static void
test_script_size_limit (void)
{
  PrdrSieveContext small;
  g_autofree char *d = NULL;

  prdr_sieve_context_init (&small);
  small.limits.max_script_size = 10;
  d = compile_diags (&small, "keep; keep; keep;");
  g_assert_cmpstr (d, ==, "t.sieve:1:1: script is larger than 10 octets");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  prdr_sieve_context_init (&ctx);
  g_test_add_func ("/sieve/parser/valid", test_valid_scripts);
  g_test_add_func ("/sieve/parser/syntax-recovery", test_syntax_errors_recover);
  g_test_add_func ("/sieve/parser/validation", test_validation_errors);
  g_test_add_func ("/sieve/parser/error-cap", test_error_cap);
  g_test_add_func ("/sieve/parser/nesting", test_nesting_limit);
  g_test_add_func ("/sieve/parser/size", test_script_size_limit);
  return g_test_run ();
}
