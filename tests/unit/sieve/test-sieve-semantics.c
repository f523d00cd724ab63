/*
 * test-sieve-semantics.c - the meaning of scripts where extensions meet:
 * ihave's restrictions (RFC 5463 section 4), mailboxexists "INBOX"
 * (RFC 5490), quoted local parts (RFC 5322 section 3.4.1), include with
 * global variables, recursion and imap4flags (RFC 6609), set modifier
 * precedence (RFC 5229 section 4.1), and scripts run in sequence for one
 * delivery (prdr_sieve_scripts_run, RFC 5228 section 2.10).
 */
#include "sieve-test-util.h"

#define QUOTED_MESSAGE                                                      \
  "From: \"Doe, John\" <\"john.doe\"@example.com> (the boss)\r\n"            \
  "Sender: \"quoted local\"@example.org\r\n"                                 \
  "To: \"a\\\\b\"@example.net\r\n"                                           \
  "Subject: quoted\r\n"                                                      \
  "\r\n"                                                                     \
  "body\r\n"

static const PrdrSieveEnvelope test_env = { .sender = "s@example.com",
                                            .recipient = "r@example.org" };

/* RFC 5463 section 4: ihave fails for encoded-character and variables,
 * enables nothing unless every capability is there, and only a block that
 * failed ihave tests alone make unreachable goes unvalidated */
static void
test_ihave_restrictions (void)
{
  g_autofree char *partial = NULL;

  assert_run ("require [\"ihave\", \"fileinto\", \"variables\"];\n"
              "if ihave \"variables\" { fileinto \"variables\"; }\n"
              "if ihave \"encoded-character\" { fileinto \"encoded\"; }\n"
              "if ihave [\"fileinto\", \"variables\"] { fileinto \"both\"; }\n"
              "if ihave \"fileinto\" { fileinto \"fileinto\"; }", "fileinto \"fileinto\"");
  assert_run ("require [\"ihave\", \"fileinto\"];\n"
              "if not ihave \"x-unknown\" { fileinto \"not-unknown\"; }\n"
              "if anyof (not ihave \"x-unknown\", false) { fileinto \"anyof\"; }",
              "fileinto \"not-unknown\"\nfileinto \"anyof\"");
  assert_run ("require \"ihave\";\n"
              "if allof (true, ihave \"x-unknown\") { x_unknown 1; } else { discard; }",
              "discard");
  partial = run_script ("require \"ihave\";\n"
                        "if ihave [\"fileinto\", \"x-unknown\"] { }\nfileinto \"a\";");
  g_assert_true (g_str_has_prefix (partial, "COMPILE: t.sieve:3:1: unknown command 'fileinto'"));
  assert_run ("require \"ihave\";\n"
              "if anyof (ihave \"x-unknown\", true) { x_unknown 1; }",
              "COMPILE: t.sieve:2:38: unknown command 'x_unknown' "
              "(reported only once at first occurrence)");
}

/* RFC 5490 3.1 with RFC 3501 5.1: INBOX always exists, in any case;
 * other mailboxes are the caller's to know */
static void
test_mailboxexists_inbox (void)
{
  assert_run ("require [\"mailbox\", \"fileinto\"];\n"
              "if mailboxexists \"INBOX\" { fileinto \"inbox\"; }\n"
              "if mailboxexists [\"Inbox\", \"inbox\"] { fileinto \"cased\"; }\n"
              "if mailboxexists [\"INBOX\", \"Other\"] { fileinto \"other\"; }",
              "fileinto \"inbox\"\nfileinto \"cased\"");
}

/* RFC 5322 3.4.1: "john.doe"@example.com is john.doe@example.com; a
 * local part that needs quotes keeps minimal ones in :all and none in
 * :localpart */
static void
test_quoted_local_part (void)
{
  PrdrSieveContext ctx;
  g_autofree char *got = NULL;

  prdr_sieve_context_init (&ctx);
  got = run_with (&ctx, "require \"fileinto\";\n"
                  "if address :is :all \"from\" \"john.doe@example.com\" { fileinto \"all\"; }\n"
                  "if address :is :localpart \"from\" \"john.doe\" { fileinto \"local\"; }\n"
                  "if address :matches :localpart \"from\" \"*.doe\" { fileinto \"glob\"; }\n"
                  "if address :is :all \"sender\" \"\\\"quoted local\\\"@example.org\""
                  " { fileinto \"quoted-all\"; }\n"
                  "if address :is :localpart \"sender\" \"quoted local\" { fileinto \"value\"; }\n"
                  "if address :is :localpart \"to\" \"a\\\\b\" { fileinto \"pair\"; }\n"
                  "if address :is :all \"to\" \"\\\"a\\\\\\\\b\\\"@example.net\" { fileinto \"pair-all\"; }\n"
                  "if address :is :domain \"sender\" \"example.org\" { fileinto \"domain\"; }",
                  QUOTED_MESSAGE, &test_env);
  g_assert_cmpstr (got, ==, "fileinto \"all\"\nfileinto \"local\"\nfileinto \"glob\"\n"
                   "fileinto \"quoted-all\"\nfileinto \"value\"\nfileinto \"pair\"\n"
                   "fileinto \"pair-all\"\nfileinto \"domain\"");
}

/* RFC 5321 4.1.2: the same for an envelope path's quoted local part */
static void
test_quoted_envelope (void)
{
  PrdrSieveContext ctx;
  PrdrSieveEnvelope env = { .sender = "<\"john.doe\"@example.com>",
                            .recipient = "\"a b\"@example.org" };
  g_autofree char *got = NULL;

  prdr_sieve_context_init (&ctx);
  got = run_with (&ctx, "require [\"envelope\", \"fileinto\"];\n"
                  "if envelope :is :all \"from\" \"john.doe@example.com\" { fileinto \"all\"; }\n"
                  "if envelope :is :localpart \"from\" \"john.doe\" { fileinto \"local\"; }\n"
                  "if envelope :is :all \"to\" \"\\\"a b\\\"@example.org\" { fileinto \"to-all\"; }\n"
                  "if envelope :is :localpart \"to\" \"a b\" { fileinto \"to-local\"; }",
                  QUOTED_MESSAGE, &env);
  g_assert_cmpstr (got, ==, "fileinto \"all\"\nfileinto \"local\"\nfileinto \"to-all\"\n"
                   "fileinto \"to-local\"");
}

static char *
resolve (const char *location, const char *name, gsize *length, gpointer data, GError **error)
{
  static const char *const scripts[][3] = {
    { "personal", "self", "require \"include\"; keep; include \"self\";" },
    { "personal", "ping", "require \"include\"; include \"pong\";" },
    { "personal", "pong", "require \"include\"; include \"ping\";" },
    { "personal", "setter", "require [\"include\", \"variables\"]; global \"shared\";\n"
      "set \"shared\" \"from-setter\"; set \"private\" \"from-setter\";\n"
      "set \"global.other\" \"ns-setter\";" },
    { "personal", "late", "require [\"include\", \"variables\"];\n"
      "set \"v\" \"local\"; global \"v\";" },
    { "personal", "flags", "require \"imap4flags\"; addflag \"$Included\";" },
  };

  (void) data;
  return resolve_from_table (scripts, G_N_ELEMENTS (scripts), location, name, length, error);
}

static char *
run_include (const char *script)
{
  PrdrSieveContext ctx;

  prdr_sieve_context_init (&ctx);
  ctx.script_resolver = resolve;
  return run_with (&ctx, script, TEST_MESSAGE, &test_env);
}

/* RFC 6609 section 3.2: a recursive include is an error, direct or not */
static void
test_include_circular (void)
{
  g_autofree char *direct = run_include ("require \"include\"; include \"self\";");
  g_autofree char *indirect = run_include ("require \"include\"; include \"ping\";");

  g_assert_cmpstr (direct, ==, "COMPILE: self:1:26: circular include of personal script 'self' "
                   "t.sieve:1:20: failed to compile included script 'self'");
  g_assert_cmpstr (indirect, ==, "COMPILE: pong:1:20: circular include of personal script 'ping' "
                   "ping:1:20: failed to compile included script 'pong' "
                   "t.sieve:1:20: failed to compile included script 'ping'");
}

/* RFC 6609 sections 3.4, 3.4.1, 3.5: only declared names are shared;
 * "global.name" is the same variable; declaring a name already set is an
 * error */
static void
test_include_globals (void)
{
  g_autofree char *shared = run_include (
    "require [\"include\", \"variables\", \"fileinto\"];\n"
    "global \"shared\"; set \"private\" \"mine\"; include \"setter\";\n"
    "fileinto \"${shared}/${private}/${global.private}/${global.other}/${global.shared}\";");
  g_autofree char *undeclared = run_include (
    "require [\"include\", \"variables\", \"fileinto\"];\n"
    "include \"setter\"; fileinto \"[${shared}]\";");
  g_autofree char *late = run_include ("require [\"include\", \"variables\"]; include \"late\";");
  g_autofree char *no_include = run_include (
    "require \"variables\"; set \"global.x\" \"1\";");

  g_assert_cmpstr (shared, ==, "fileinto \"from-setter/mine//ns-setter/from-setter\"");
  g_assert_cmpstr (undeclared, ==, "fileinto \"[]\"");
  g_assert_cmpstr (late, ==, "ERROR: late:2: variable 'v' was set before it was declared global");
  g_assert_cmpstr (no_include, ==, "COMPILE: t.sieve:1:26: invalid variable name 'global.x'");
}

/* RFC 6609 + RFC 5232: the imap4flags internal variable is the run's, so
 * flags an included script sets reach the including script's keep and
 * fileinto */
static void
test_include_flags (void)
{
  g_autofree char *fileinto = run_include (
    "require [\"include\", \"fileinto\"]; include \"flags\"; fileinto \"Box\";");
  g_autofree char *keep = run_include ("require \"include\"; include \"flags\"; keep;");

  g_assert_cmpstr (fileinto, ==, "fileinto \"Box\" flags \"$Included\"");
  g_assert_cmpstr (keep, ==, "keep flags \"$Included\"");
}

/* RFC 5229 4.1: :lower/:upper (40) before :lowerfirst/:upperfirst (30),
 * in whatever order they are written */
static void
test_modifier_precedence (void)
{
  assert_run ("require [\"variables\", \"fileinto\"];\n"
              "set :lower :upperfirst \"a\" \"vAlUe\"; set :upperfirst :lower \"b\" \"vAlUe\";\n"
              "set :upper :lowerfirst \"c\" \"vAlUe\"; set :lowerfirst :upper \"d\" \"vAlUe\";\n"
              "fileinto \"${a} ${b} ${c} ${d}\";",
              "fileinto \"Value Value vALUE vALUE\"");
}

/* run_sequence - the NULL-terminated scripts in sequence, the result as
 * run_with gives it */
static char *
run_sequence (const char *const *texts)
{
  PrdrSieveContext ctx;
  g_autoptr (GPtrArray) scripts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) prdr_sieve_script_unref);
  g_autoptr (PrdrSieveMessage) m = prdr_sieve_message_new_from_bytes (
    TEST_MESSAGE, strlen (TEST_MESSAGE), NULL);
  g_autoptr (PrdrSieveResult) r = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *lines = NULL;
  GString *out;

  prdr_sieve_context_init (&ctx);
  for (const char *const *t = texts; *t; t++)
    {
      PrdrSieveScript *s = prdr_sieve_script_compile (&ctx, "seq.sieve", *t, -1, NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (scripts, s);
    }
  r = prdr_sieve_scripts_run ((PrdrSieveScript **) scripts->pdata, scripts->len, m, &test_env,
                              &ctx, &error);
  lines = result_lines (r, error);
  out = g_string_new (lines);
  for (char **f = r ? r->keep_flags : NULL; f && *f; f++)
    g_string_append_printf (out, " %s", *f);
  return g_string_free (out, FALSE);
}

#define assert_sequence(expected, ...)                                       \
  G_STMT_START {                                                             \
    const char *const texts_[] = { __VA_ARGS__, NULL };                      \
    g_autofree char *got_ = run_sequence (texts_);                           \
    g_assert_cmpstr (got_, ==, expected);                                    \
  } G_STMT_END

/* scripts in sequence: stop ends one script; the next runs while the
 * message is kept; duplicates collapse; variables are per script; the
 * flags carry over; conflicts with earlier scripts are no error */
static void
test_sequence (void)
{
  static const char *const fileinto_b = "require \"fileinto\"; fileinto \"B\";";

  assert_sequence ("fileinto \"A\" :copy\nfileinto \"B\"",
                   "require [\"fileinto\", \"copy\"]; fileinto :copy \"A\"; stop;",
                   fileinto_b);
  assert_sequence ("discard", "discard;", fileinto_b);
  assert_sequence ("keep\nfileinto \"B\"", "keep;", fileinto_b);
  assert_sequence ("keep", "keep;", "require \"fileinto\"; fileinto \"inbox\";", "discard;");
  assert_sequence ("keep", "keep;", "require \"fileinto\"; if false { fileinto \"x\"; }");
  assert_sequence ("keep",
                   "require [\"fileinto\", \"copy\"]; fileinto :copy \"INBOX\";",
                   "keep;");
  assert_sequence ("fileinto \"[]\"",
                   "require [\"variables\", \"include\"]; global \"g\"; set \"g\" \"one\";",
                   "require [\"variables\", \"include\", \"fileinto\"]; global \"g\";\n"
                   "fileinto \"[${g}]\";");
  assert_sequence ("implicit keep \\Seen",
                   "require \"imap4flags\"; addflag \"\\\\Seen\";", "stop;");
  assert_sequence ("fileinto \"B\" flags \"\\\\Seen\"",
                   "require \"imap4flags\"; addflag \"\\\\Seen\";", fileinto_b);
  assert_sequence ("fileinto \"A\" :copy\nreject \"no\"",
                   "require [\"fileinto\", \"copy\"]; fileinto :copy \"A\";",
                   "require \"reject\"; reject \"no\";");
  assert_sequence ("ERROR: seq.sieve:1: more than one reject action",
                   "keep;", "require \"reject\"; reject \"a\"; reject \"b\";");
  assert_sequence ("ERROR: seq.sieve:1: stopped here", "keep;",
                   "require \"ihave\"; error \"stopped here\";");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sieve/semantics/ihave-restrictions", test_ihave_restrictions);
  g_test_add_func ("/sieve/semantics/mailboxexists-inbox", test_mailboxexists_inbox);
  g_test_add_func ("/sieve/semantics/quoted-local-part", test_quoted_local_part);
  g_test_add_func ("/sieve/semantics/quoted-envelope", test_quoted_envelope);
  g_test_add_func ("/sieve/semantics/include-circular", test_include_circular);
  g_test_add_func ("/sieve/semantics/include-globals", test_include_globals);
  g_test_add_func ("/sieve/semantics/include-flags", test_include_flags);
  g_test_add_func ("/sieve/semantics/modifier-precedence", test_modifier_precedence);
  g_test_add_func ("/sieve/semantics/sequence", test_sequence);
  return g_test_run ();
}
