/*
 * test-sieve-ext.c - each extension through the results it produces:
 * fileinto, reject/ereject, envelope, variables (set modifiers, match
 * variables, string), copy, subaddress, imap4flags, encoded-character.
 */
#include "sieve-test-util.h"

static void
test_fileinto_copy (void)
{
  assert_run ("require \"fileinto\"; fileinto \"Junk\";", "fileinto \"Junk\"");
  assert_run ("require [\"fileinto\", \"copy\"]; fileinto :copy \"Junk\";",
              "fileinto \"Junk\" :copy\nimplicit keep");
  assert_run ("require [\"fileinto\"]; fileinto :copy \"Junk\";",
              "COMPILE: t.sieve:1:32: unknown tagged argument ':copy' for the fileinto command");
  assert_run ("require \"fileinto\"; fileinto \"a\"; fileinto \"a\"; fileinto \"b\";",
              "fileinto \"a\"\nfileinto \"b\"");
}

static void
test_reject (void)
{
  assert_run ("require \"reject\"; reject text:\nGo \"away\"\\\n.\n;",
              "reject \"Go \\\"away\\\"\\\\\\r\\n\"");
  assert_run ("require \"ereject\"; ereject \"no\";", "ereject \"no\"");
  assert_run ("require \"reject\"; ereject \"no\";",
              "COMPILE: t.sieve:1:19: unknown command 'ereject' (the extension must be required)");
}

static void
test_envelope (void)
{
  assert_run ("require \"envelope\"; if envelope :is \"from\" \"sender@example.com\" { discard; }",
              "discard");
  assert_run ("require \"envelope\"; if envelope :domain \"to\" \"example.org\" { discard; }",
              "discard");
  assert_run ("require \"envelope\"; if envelope :is \"auth\" \"joe\" { discard; }", "discard");
  assert_run ("require \"envelope\"; if envelope \"bcc\" \"x\" { discard; }",
              "COMPILE: t.sieve:1:33: specified envelope part 'bcc' is not supported");
}

static void
test_subaddress (void)
{
  assert_run ("require [\"envelope\", \"subaddress\"];\n"
              "if envelope :detail \"to\" \"box\" { discard; }", "discard");
  assert_run ("require [\"envelope\", \"subaddress\"];\n"
              "if envelope :user \"to\" \"me\" { discard; }", "discard");
  assert_run ("require \"subaddress\";\nif address :detail \"to\" \"\" { discard; }",
              "implicit keep");
}

static void
test_variables (void)
{
  assert_run ("require [\"variables\", \"fileinto\"];\n"
              "set \"a\" \"Box\"; set :lower :upperfirst \"b\" \"hELLO\";\n"
              "fileinto \"${a}-${b}-${B}-${unknown}-${1}-${bad name}\";",
              "fileinto \"Box-Hello-Hello---${bad name}\"");
  assert_run ("require [\"variables\", \"fileinto\"];\n"
              "if header :matches \"from\" \"*<*@*>\" { fileinto \"${2}/${3}/${0}\"; }",
              "fileinto \"joe+list/example.com/\\\"Joe Sender\\\" <joe+list@example.com>\"");
  assert_run ("require [\"variables\", \"fileinto\"];\n"
              "set :length \"n\" \"h\xc3\xa9llo\"; set :quotewildcard \"q\" \"a*b?\";\n"
              "fileinto \"${n} ${q}\";", "fileinto \"5 a\\\\*b\\\\?\"");
  assert_run ("require \"variables\"; set \"x\" \"abc\";\n"
              "if string :contains \"${x}\" \"b\" { discard; }", "discard");
  assert_run ("require \"variables\"; set :lower :upper \"x\" \"a\";",
              "COMPILE: t.sieve:1:33: set: :upper conflicts with :lower");
  assert_run ("require \"variables\"; set \"a b\" \"x\";",
              "COMPILE: t.sieve:1:26: invalid variable name 'a b'");
}

static void
test_imap4flags (void)
{
  assert_run ("require [\"imap4flags\", \"fileinto\"];\n"
              "setflag \"\\\\Seen \\\\Flagged\"; addflag \"\\\\seen Junk\"; removeflag \"\\\\Flagged\";\n"
              "fileinto \"a\"; fileinto :flags \"x\" \"b\";",
              "fileinto \"a\" flags \"\\\\Seen\" \"Junk\"\nfileinto \"b\" flags \"x\"");
  assert_run ("require [\"imap4flags\", \"variables\"];\n"
              "addflag \"v\" \"A B\"; if hasflag :is \"v\" \"b\" { keep :flags \"Z\"; }",
              "keep flags \"Z\"");
  assert_run ("require \"imap4flags\"; addflag \"\\\\Seen\";", "implicit keep");
}

static void
test_encoded_character (void)
{
  assert_run ("require [\"encoded-character\", \"fileinto\"];\n"
              "fileinto \"${hex:41 42}${unicode:263a}${hex:zz}\";",
              "fileinto \"AB\xe2\x98\xba${hex:zz}\"");
  assert_run ("require \"encoded-character\";\nif header :is \"x\" \"${unicode:D800}\" {}",
              "COMPILE: t.sieve:2:19: invalid encoded character 'U+D800'");
  assert_run ("require \"fileinto\"; fileinto \"${hex:41}\";", "fileinto \"${hex:41}\"");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/sieve/ext/fileinto-copy", test_fileinto_copy);
  g_test_add_func ("/sieve/ext/reject", test_reject);
  g_test_add_func ("/sieve/ext/envelope", test_envelope);
  g_test_add_func ("/sieve/ext/subaddress", test_subaddress);
  g_test_add_func ("/sieve/ext/variables", test_variables);
  g_test_add_func ("/sieve/ext/imap4flags", test_imap4flags);
  g_test_add_func ("/sieve/ext/encoded-character", test_encoded_character);
  return g_test_run ();
}
