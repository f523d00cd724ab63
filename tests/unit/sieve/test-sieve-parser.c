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
  /* each bad command is reported, the parser goes on with the next; a
   * script with syntax errors is not validated ("keep stop;" would be) */
  assert_diags ("keep\nstop;\ndiscard",
                "t.sieve:3:8: expected ';' or a block after the command arguments, "
                "but found end of script");
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
  /* stray characters: one lexical error for the run, one syntax error */
  assert_diags ("friep $$$;\nkeep;",
                "t.sieve:1:7: unexpected character(s) starting with '$'\n"
                "t.sieve:1:7: expected ';' or a block after the command arguments, "
                "but found unknown characters");
}

static void
test_validation_errors (void)
{
  assert_diags ("frob;", "t.sieve:1:1: unknown command 'frob' "
                "(reported only once at first occurrence)");
  assert_diags ("fileinto \"x\";",
                "t.sieve:1:1: unknown command 'fileinto' (the extension must be required) "
                "(reported only once at first occurrence)");
  assert_diags ("require \"nope\";", "t.sieve:1:9: unknown Sieve capability 'nope'");
  assert_diags ("keep; require \"fileinto\";",
                "t.sieve:1:7: require must be at the top, before any other command");
  assert_diags ("if header :frob \"a\" \"b\" {}",
                "t.sieve:1:11: unknown tagged argument ':frob' for the header test "
                "(reported only once at first occurrence)");
  assert_diags ("if header :is :contains \"a\" \"b\" {}",
                "t.sieve:1:15: header: more than one match type argument");
  assert_diags ("if header \"a\" {}",
                "t.sieve:1:4: the header test requires 2 positional argument(s), "
                "but 1 is/are specified");
  assert_diags ("if header \"a\" 1 {}",
                "t.sieve:1:15: the header test expects a string list as argument 2 "
                "(key list), but a number was found");
  assert_diags ("if address \"from\" :is \"b\" {}",
                "t.sieve:1:19: encountered an unexpected tagged argument ':is' while "
                "validating positional arguments for the address test");
  assert_diags ("redirect 1;", "t.sieve:1:10: the redirect command expects a string as "
                "argument 1 (address), but a number was found");
  assert_diags ("keep \"x\";", "t.sieve:1:1: the keep command requires 0 positional "
                "argument(s), but 1 is/are specified");
  assert_diags ("if true;", "t.sieve:1:1: the if command requires a command block, "
                "but it is missing");
  assert_diags ("stop { keep; }", "t.sieve:1:1: the stop command does not accept a command "
                "block, but one is specified anyway");
  assert_diags ("else { keep; }", "t.sieve:1:1: else is not preceded by if or elsif");
  assert_diags ("if keep {}", "t.sieve:1:4: attempted to use command 'keep' as test");
  assert_diags ("true;", "t.sieve:1:1: attempted to use test 'true' as command");
  assert_diags ("if size 10 {}", "t.sieve:1:4: the size test requires 0 positional "
                "argument(s), but 1 is/are specified");
  assert_diags ("if header :comparator \"i;ascii-numeric\" :is \"a\" \"1\" {}",
                "t.sieve:1:23: unknown comparator 'i;ascii-numeric' (it must be required)");
  assert_diags ("require \"comparator-i;ascii-numeric\";\n"
                "if header :comparator \"i;ascii-numeric\" :contains \"a\" \"1\" {}",
                "t.sieve:2:4: comparator 'i;ascii-numeric' does not support the :contains "
                "match type");
  assert_diags ("redirect \"not an address\";",
                "t.sieve:1:10: specified redirect address 'not an address' is invalid");
  assert_diags ("require \"index\";\nif header :index 0 \"to\" \"a\" {}",
                "t.sieve:2:18: the :index tag for the header test cannot be zero");
  assert_diags ("require \"index\";\nif header :index \"to\" \"a\" {}",
                "t.sieve:2:11: the :index tag for the header test requires a number as "
                "parameter, but a string was found");
}

/* a command that takes no test followed by one: the likely typo is named */
static void
test_typos (void)
{
  assert_diags ("require \"fileinto\";\nfileinto \"a\"\nkeep;",
                "t.sieve:2:1: missing semicolon ';' after fileinto command");
  assert_diags ("require \"fileinto\";\nfileinto \"a\"\nsnot;",
                "t.sieve:2:1: missing semicolon ';' after fileinto command");
  assert_diags ("require \"fileinto\";\nfileinto \"a\"\ntrue;",
                "t.sieve:2:1: the fileinto command accepts no sub-tests, but tests are "
                "specified");
  assert_diags ("if address matches \"from\" \"*x*\" { stop; }",
                "t.sieve:1:4: the address test requires 2 positional argument(s), "
                "but 0 is/are specified\n"
                "t.sieve:1:4: missing colon ':' before ':matches' tag in address test");
}

/* arguments and shape are checked apart; tests and blocks of a failed
 * command are still validated; unknown names are reported once */
static void
test_errors_all_reported (void)
{
  assert_diags ("stop \"x\" true { frob; }",
                "t.sieve:1:1: the stop command requires 0 positional argument(s), "
                "but 1 is/are specified\n"
                "t.sieve:1:1: the stop command accepts no sub-tests, but tests are specified");
  assert_diags ("if address :all :domain \"from\" \"a\" {\n"
                "  if address :domain :localpart \"to\" \"b\" { keep; }\n}",
                "t.sieve:1:17: address: more than one address part argument\n"
                "t.sieve:2:22: address: more than one address part argument");
  assert_diags ("if header :x \"a\" \"b\" { frob; }\nif header :x \"a\" \"b\" { frob; }",
                "t.sieve:1:11: unknown tagged argument ':x' for the header test "
                "(reported only once at first occurrence)\n"
                "t.sieve:1:24: unknown command 'frob' (reported only once at first occurrence)");
}

/* RFC 5228 section 5.1: address only on headers that hold addresses */
static void
test_address_headers (void)
{
  assert_compiles ("if address [\"to\", \"Reply-To\", \"resent-cc\"] \"a\" { keep; }");
  assert_compiles ("require \"variables\";\nif address \"${h}\" \"a\" { keep; }");
  assert_diags ("if address [\"to\", \"subject\"] \"a\" { keep; }",
                "t.sieve:1:12: specified header 'subject' is not allowed for the "
                "address test");
}

/* a redirect address is one mailbox; an unclosed '<' is not */
static void
test_redirect_address (void)
{
  assert_compiles ("redirect \"Ok Good <a@b.example>\";");
  assert_compiles ("redirect \"\\\"x <y\\\" (c <d) <a@b.example>\";");
  assert_diags ("redirect \"Ok Bad <a@b.example\";",
                "t.sieve:1:10: specified redirect address 'Ok Bad <a@b.example' is invalid");
  assert_diags ("redirect \"<a@b.example>>\";",
                "t.sieve:1:10: specified redirect address '<a@b.example>>' is invalid");
  assert_diags ("redirect \"a@b.example, c@d.example\";",
                "t.sieve:1:10: specified redirect address 'a@b.example, c@d.example' is invalid");
}

/* RFC 5229 section 3: a namespace needs the extension that defines it */
static void
test_variable_namespaces (void)
{
  assert_compiles ("require [\"variables\", \"include\"];\nglobal \"a\";\n"
                   "if string \"${global.a}\" \"x\" { keep; }");
  /* without variables, "${...}" is plain text */
  assert_compiles ("require \"fileinto\";\nfileinto \"${frop.box}\";");
  /* not a reference (a digit after the dot): plain text too */
  assert_compiles ("require [\"variables\", \"fileinto\"];\nfileinto \"${frop.1}\";");
  assert_diags ("require [\"variables\", \"fileinto\"];\n"
                "fileinto \"${frop.box} ${global.a}\";",
                "t.sieve:2:10: unknown variable namespace 'frop'\n"
                "t.sieve:2:10: unknown variable namespace 'global'");
}

/* RFC 5229 section 6: names up to 64, ${0}..${32}, 255 variables; what
 * lies beyond is a compile error (the variable count reported once) */
static void
test_variable_limits (void)
{
  g_autofree char *name64 = g_strnfill (64, 'v'), *name65 = g_strnfill (65, 'v');
  g_autofree char *ok_name = g_strdup_printf ("require \"variables\";\nset \"%s\" \"x\";", name64);
  g_autofree char *long_name = g_strdup_printf ("require \"variables\";\nset \"%s\" \"x\";",
                                                name65);
  g_autofree char *long_diag = g_strdup_printf ("t.sieve:2:5: invalid variable name '%s'", name65);
  g_autoptr (GString) many = g_string_new ("require \"variables\";\n");

  assert_compiles (ok_name);
  assert_diags (long_name, long_diag);
  assert_compiles ("require \"variables\";\nif string \"${32}\" \"\" { keep; }");
  assert_diags ("require \"variables\";\nif string \"${33} ${99999999999999999999}\" \"\" {}",
                "t.sieve:2:11: match variable ${33} exceeds the maximum index 32\n"
                "t.sieve:2:11: match variable ${99999999999999999999} exceeds the maximum "
                "index 32");
  for (int i = 0; i < 255; i++)
    g_string_append_printf (many, "set \"v%d\" \"x\";\nset \"V%d\" \"y\";\n", i, i);
  assert_compiles (many->str);
  for (int i = 255; i < 258; i++)
    g_string_append_printf (many, "set \"v%d\" \"x\";\n", i);
  assert_diags (many->str, "t.sieve:512:5: the script declares more than 255 variables");
}

/* a constant folder name must be UTF-8 */
static void
test_fileinto_folder (void)
{
  assert_compiles ("require \"fileinto\";\nfileinto \"Ünïcode\";");
  assert_diags ("require [\"fileinto\", \"encoded-character\"];\nfileinto \"${hex:ff}x\";",
                "t.sieve:2:10: invalid folder name specified: invalid UTF-8");
}

static void
test_argument_limit (void)
{
  g_autoptr (GString) script = g_string_new ("frop");

  for (int i = 0; i < PRDR_SIEVE_MAX_ARGUMENTS; i++)
    g_string_append (script, " 1");
  g_string_append (script, ";");
  assert_diags (script->str, "t.sieve:1:1: unknown command 'frop' "
                "(reported only once at first occurrence)");
  g_string_insert (script, 4, " 1");
  assert_diags (script->str, "t.sieve:1:70: too many arguments for command 'frop'");
}

static void
test_error_cap (void)
{
  g_autoptr (GString) script = g_string_new (NULL);
  g_autofree char *d = NULL;
  g_auto (GStrv) lines = NULL;

  for (int i = 0; i < 100; i++)
    g_string_append_printf (script, "frob%d;\n", i);
  d = compile_diags (&ctx, script->str);
  lines = g_strsplit (d, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, PRDR_SIEVE_MAX_ERRORS);
}

/* nest_script - @blocks nested "if true {" around "if not ... false {}"
 * with @nots negations */
static char *
nest_script (int blocks, int nots)
{
  GString *script = g_string_new (NULL);

  for (int i = 0; i < blocks; i++)
    g_string_append (script, "if true {");
  g_string_append (script, "if ");
  for (int i = 0; i < nots; i++)
    g_string_append (script, "not ");
  g_string_append (script, "false {}");
  for (int i = 0; i < blocks; i++)
    g_string_append (script, "}");
  return g_string_free (script, FALSE);
}

/* blocks and tests are limited apart, each reported once */
static void
test_nesting_limit (void)
{
  g_autofree char *deep_blocks = nest_script (40, 0), *deep_tests = nest_script (0, 40);
  g_autofree char *both = nest_script (25, 25);
  g_autofree char *d = NULL;

  d = compile_diags (&ctx, deep_blocks);
  g_assert_cmpstr (d, ==, "t.sieve:1:297: cannot nest command blocks deeper than 32 levels");
  g_free (d);
  d = compile_diags (&ctx, deep_tests);
  g_assert_cmpstr (d, ==, "t.sieve:1:132: cannot nest tests deeper than 32 levels");
  assert_compiles (both);
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
  g_test_add_func ("/sieve/parser/typos", test_typos);
  g_test_add_func ("/sieve/parser/all-reported", test_errors_all_reported);
  g_test_add_func ("/sieve/parser/address-headers", test_address_headers);
  g_test_add_func ("/sieve/parser/fileinto-folder", test_fileinto_folder);
  g_test_add_func ("/sieve/parser/redirect-address", test_redirect_address);
  g_test_add_func ("/sieve/parser/variable-namespaces", test_variable_namespaces);
  g_test_add_func ("/sieve/parser/variable-limits", test_variable_limits);
  g_test_add_func ("/sieve/parser/argument-limit", test_argument_limit);
  g_test_add_func ("/sieve/parser/error-cap", test_error_cap);
  g_test_add_func ("/sieve/parser/nesting", test_nesting_limit);
  g_test_add_func ("/sieve/parser/size", test_script_size_limit);
  return g_test_run ();
}
