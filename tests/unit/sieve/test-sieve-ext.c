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
              "COMPILE: t.sieve:1:32: unknown tagged argument ':copy' for the fileinto command "
              "(reported only once at first occurrence)");
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
              "COMPILE: t.sieve:1:19: unknown command 'ereject' (the extension must be required) "
              "(reported only once at first occurrence)");
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

/* envelope_value - what `envelope :PART "to"` yields for RCPT TO @path,
 * through ${1}; "(none)" when the test does not match */
static char *
envelope_value (const char *path, const char *part)
{
  PrdrSieveContext ctx;
  PrdrSieveEnvelope env = { .sender = "", .recipient = path };
  g_autofree char *script = g_strdup_printf (
    "require [\"envelope\", \"variables\", \"fileinto\"];\n"
    "if envelope :%s :matches \"to\" \"*\" { fileinto \"v:${1}\"; stop; }\n"
    "fileinto \"v:(none)\";", part);

  prdr_sieve_context_init (&ctx);
  return run_with (&ctx, script, TEST_MESSAGE, &env);
}

#define assert_envelope(path, part, expected)                                \
  G_STMT_START {                                                             \
    g_autofree char *got_ = envelope_value (path, part);                     \
    g_assert_cmpstr (got_, ==, "fileinto \"v:" expected "\"");                 \
  } G_STMT_END

/* RFC 5321 4.1.2 paths: brackets, source routes dropped, local part alone,
 * and values that are no path match nothing */
static void
test_envelope_paths (void)
{
  assert_envelope ("<a@example.org>", "all", "a@example.org");
  assert_envelope ("a@example.org", "domain", "example.org");
  assert_envelope ("<@relay.example:a@example.org>", "all", "a@example.org");
  assert_envelope ("<@r1.example,@r2.example:a.b@example.org>", "localpart", "a.b");
  assert_envelope ("<MAILER-DAEMON>", "all", "MAILER-DAEMON");
  assert_envelope ("<postmaster>", "domain", "(none)");
  assert_envelope ("<\"a b\"@[192.0.2.1]>", "domain", "[192.0.2.1]");
  assert_envelope ("<>", "all", "");
  assert_envelope ("a@", "all", "(none)");
  assert_envelope ("<<a@example.org>", "all", "(none)");
  assert_envelope ("a@example.org>", "all", "(none)");
  assert_envelope ("<a@example.org", "all", "(none)");
  assert_envelope ("<a b@example.org>", "all", "(none)");
  assert_envelope ("<a@@example.org>", "all", "(none)");
  assert_envelope ("<a@example..org>", "all", "(none)");
  assert_envelope ("<a@example.org.>", "all", "(none)");
  assert_envelope ("<relay.example:a@example.org>", "all", "(none)");
  assert_envelope ("<@relay.example,b@example.org>", "all", "(none)");
  assert_envelope ("<@relay.example@r2.example:a@example.org>", "all", "(none)");
  assert_envelope ("<@.example:a@example.org>", "all", "(none)");
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

/* modified_value - `set MODIFIERS "v" VALUE` with a variable size limit of
 * @max octets, the result as a fileinto folder */
static char *
modified_value (gsize max, const char *modifiers, const char *value)
{
  PrdrSieveContext ctx;
  PrdrSieveEnvelope env = { .sender = "", .recipient = "a@example.org" };
  g_autofree char *script = g_strdup_printf (
    "require [\"variables\", \"enotify\", \"fileinto\"];\n"
    "set %s \"v\" \"%s\"; fileinto \"v:${v}\";", modifiers, value);

  prdr_sieve_context_init (&ctx);
  ctx.limits.max_variable_size = max;
  return run_with (&ctx, script, TEST_MESSAGE, &env);
}

#define assert_modified(max, modifiers, value, expected)                     \
  G_STMT_START {                                                             \
    g_autofree char *got_ = modified_value (max, modifiers, value);          \
    g_assert_cmpstr (got_, ==, "fileinto \"v:" expected "\"");               \
  } G_STMT_END

/* :encodeurl escapes every octet outside "unreserved" (RFC 5435 section 6),
 * UTF-8 included; escaping modifiers cut at the size limit before the
 * first character whose escape does not fit whole */
static void
test_modifiers_limit (void)
{
  assert_modified (100, ":encodeurl", "a b&c~\xc3\xa9", "a%20b%26c~%C3%A9");
  assert_modified (100, ":quotewildcard", "a*b?", "a\\\\*b\\\\?");
  assert_modified (8, ":encodeurl", "@@@", "%40%40");
  assert_modified (9, ":encodeurl", "x@@@", "x%40%40");
  assert_modified (10, ":encodeurl", "\xe4\xb8\x83\xe4\xb8\x83", "%E4%B8%83");
  assert_modified (5, ":quotewildcard", "****", "\\\\*\\\\*");
  assert_modified (5, ":quotewildcard", "a****", "a\\\\*\\\\*");
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
  /* a NUL would cut the string short ("Woah"): an error, not a silent cut */
  assert_run ("require [\"encoded-character\", \"editheader\"];\n"
              "addheader \"X-A\" \"Woah${hex:00}!\";",
              "COMPILE: t.sieve:2:17: invalid encoded character '0x00 (NUL)'");
  assert_run ("require \"encoded-character\";\nif header :is \"x\" \"a${unicode:0}\" {}",
              "COMPILE: t.sieve:2:19: invalid encoded character 'U+0 (NUL)'");
  assert_run ("require \"fileinto\"; fileinto \"${hex:41}\";", "fileinto \"${hex:41}\"");
}

#define MIME_MESSAGE                                                        \
  "From: a@example.com\r\nTo: me@example.org\r\nSubject: parts\r\n"          \
  "Content-Type: multipart/mixed; boundary=XX\r\n\r\n"                       \
  "--XX\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"                  \
  "Content-Transfer-Encoding: quoted-printable\r\n\r\ncaf=E9 au lait\r\n"      \
  "--XX\r\nContent-Type: application/pdf; name=doc.pdf\r\n"                  \
  "Content-Disposition: attachment; filename=doc.pdf\r\n\r\n%PDF-1.4\r\n"      \
  "--XX--\r\n"

static char *
run_mime (const char *script)
{
  PrdrSieveContext ctx;
  PrdrSieveEnvelope env = { .sender = "a@example.com", .recipient = "me@example.org" };
  prdr_sieve_context_init (&ctx);
  return run_with (&ctx, script, MIME_MESSAGE, &env);
}

#define assert_mime(script, expected)                                        \
  G_STMT_START {                                                             \
    g_autofree char *got_ = run_mime (script);                               \
    g_assert_cmpstr (got_, ==, expected);                                    \
  } G_STMT_END

static void
test_body (void)
{
  assert_run ("require \"body\"; if body :contains \"body text\" { discard; }", "discard");
  assert_run ("require \"body\"; if body :raw :contains \"Hello\" { discard; }", "discard");
  /* decoded from quoted-printable and converted to UTF-8 */
  assert_mime ("require \"body\"; if body :text :contains \"caf\xc3\xa9\" { discard; }", "discard");
  assert_mime ("require \"body\"; if body :raw :contains \"caf\xc3\xa9\" { discard; }",
               "implicit keep");
  assert_mime ("require \"body\"; if body :content \"application/pdf\" :contains \"%PDF\" "
               "{ discard; }", "discard");
  assert_mime ("require \"body\"; if body :content \"text\" :contains \"%PDF\" { discard; }",
               "implicit keep");
}

static void
test_vacation (void)
{
  assert_run ("require \"vacation\"; vacation :days 3 :subject \"Away\" :from \"Me <me@example.org>\" "
              ":handle \"h\" \"I am away\";",
              "vacation to \"sender@example.com\" subject \"Away\" from \"Me <me@example.org>\" "
              "days 3 reason \"I am away\"\nimplicit keep");
  assert_run ("require \"vacation-seconds\"; vacation :seconds 60 \"x\";",
              "vacation to \"sender@example.com\" seconds 60 reason \"x\"\nimplicit keep");
  assert_run ("require \"vacation\"; vacation :seconds 60 \"x\";",
              "COMPILE: t.sieve:1:30: unknown tagged argument ':seconds' for the vacation command "
              "(reported only once at first occurrence)");
  assert_run ("require \"vacation\"; vacation :days 0 \"x\"; vacation \"y\";",
              "ERROR: t.sieve:1: more than one vacation action");
  assert_run ("require [\"vacation\", \"reject\"]; vacation \"x\"; reject \"no\";",
              "ERROR: t.sieve:1: reject conflicts with an action that delivers or replies");
}

static void
test_spamtest (void)
{
  PrdrSieveContext ctx;
  PrdrSieveEnvelope env = { .sender = "s@example.com", .recipient = "r@example.org" };
  const char *script = "require [\"spamtestplus\", \"virustest\", \"relational\", "
    "\"comparator-i;ascii-numeric\", \"fileinto\"];\n"
    "if spamtest :value \"ge\" :comparator \"i;ascii-numeric\" \"6\" { fileinto \"spam\"; }\n"
    "if spamtest :percent :value \"eq\" :comparator \"i;ascii-numeric\" \"75\" { fileinto \"75\"; }\n"
    "if spamtest :is \"0\" { fileinto \"untested\"; }\n"
    "if virustest :value \"ge\" :comparator \"i;ascii-numeric\" \"4\" { discard; }";
  g_autofree char *a = NULL, *b = NULL;

  prdr_sieve_context_init (&ctx);
  a = run_with (&ctx, script, TEST_MESSAGE, &env);
  g_assert_cmpstr (a, ==, "fileinto \"untested\"");
  ctx.have_spam = TRUE;
  ctx.spam_score = 7.5;
  ctx.spam_max = 10;
  ctx.have_virus = TRUE;
  ctx.virus_level = 5;
  b = run_with (&ctx, script, TEST_MESSAGE, &env);
  g_assert_cmpstr (b, ==, "fileinto \"spam\"\nfileinto \"75\"\ndiscard");
}

static void
test_date_environment (void)
{
  PrdrSieveContext ctx;
  PrdrSieveEnvelope env = { .sender = "s@example.com", .recipient = "r@example.org" };
  g_autoptr (GHashTable) items = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *a = NULL, *b = NULL;

  assert_run ("require [\"date\", \"fileinto\", \"variables\"];\n"
              "if date :originalzone :matches \"date\" \"iso8601\" \"*\" { fileinto \"${0}\"; }\n"
              "if date :zone \"+0000\" :is \"date\" \"time\" \"09:11:12\" { fileinto \"utc\"; }\n"
              "if date :originalzone :is \"date\" \"weekday\" \"2\" { fileinto \"tue\"; }\n"
              "if date :originalzone :is \"date\" \"julian\" \"59184\" { fileinto \"mjd\"; }",
              "fileinto \"2020-12-01T10:11:12+01:00\"\nfileinto \"utc\"\nfileinto \"tue\"\n"
              "fileinto \"mjd\"");
  assert_run ("require [\"date\", \"index\"];\n"
              "if date :index 1 :last :originalzone :is \"date\" \"year\" \"2020\" { discard; }",
              "discard");
  /* RFC 5260 4.2: a zero offset is "Z", never "+00:00" (nor "-00:00") */
  assert_run ("require [\"date\", \"fileinto\", \"variables\"];\n"
              "if date :zone \"+0000\" :matches \"date\" \"iso8601\" \"*\" { fileinto \"${0}\"; }\n"
              "if date :zone \"-0000\" :matches \"date\" \"iso8601\" \"*\" { fileinto \"${0}\"; }",
              "fileinto \"2020-12-01T09:11:12Z\"");
  prdr_sieve_context_init (&ctx);
  ctx.current_time = 86400 * 365;
  a = run_with (&ctx, "require \"date\"; if currentdate :zone \"+0000\" :is \"date\" "
                "\"1971-01-01\" { discard; }", TEST_MESSAGE, &env);
  g_assert_cmpstr (a, ==, "discard");
  g_hash_table_insert (items, "remote-ip", "192.0.2.1");
  ctx.environment = items;
  b = run_with (&ctx, "require \"environment\";\n"
                "if environment :is \"remote-ip\" \"192.0.2.1\" { keep; }\n"
                "if environment :is \"phase\" \"during\" { discard; }\n"
                "if environment :contains \"undefined-item\" \"\" { stop; }",
                TEST_MESSAGE, &env);
  g_assert_cmpstr (b, ==, "keep\ndiscard");
  /* RFC 5183 "location": the engine runs in the MTA (at SMTP time) */
  assert_run ("require [\"environment\", \"relational\"];\n"
              "if environment :count \"eq\" \"location\" \"1\" { keep; }\n"
              "if environment :is \"location\" \"MTA\" { discard; }", "keep\ndiscard");
}

static gboolean
mailbox_exists (const char *name, gpointer data)
{
  (void) data;
  return g_strcmp0 (name, "INBOX") == 0;
}

static void
test_mailbox_ihave (void)
{
  PrdrSieveContext ctx;
  PrdrSieveEnvelope env = { .sender = "s@example.com", .recipient = "r@example.org" };
  g_autofree char *a = NULL;

  prdr_sieve_context_init (&ctx);
  ctx.mailbox_exists = mailbox_exists;
  a = run_with (&ctx, "require [\"mailbox\", \"fileinto\"];\n"
                "if mailboxexists \"INBOX\" { fileinto :create \"new\"; }\n"
                "if mailboxexists [\"INBOX\", \"other\"] { discard; }", TEST_MESSAGE, &env);
  g_assert_cmpstr (a, ==, "fileinto \"new\" :create");
  /* an unknown capability: false, and its block is not even validated */
  assert_run ("require \"ihave\";\n"
              "if ihave \"x-unknown\" { x_unknown_command 1; } else { discard; }", "discard");
  assert_run ("require \"ihave\";\n"
              "if ihave \"fileinto\" { fileinto \"a\"; }", "fileinto \"a\"");
  assert_run ("require \"ihave\"; error \"custom failure\";", "ERROR: t.sieve:1: custom failure");
}

static char *
resolve (const char *location, const char *name, gsize *length, gpointer data, GError **error)
{
  static const char *const scripts[][3] = {
    { "personal", "spam", "require [\"fileinto\", \"include\"]; fileinto \"Junk\"; return; discard;" },
    { "personal", "loop", "require \"include\"; include \"loop\";" },
    { "global", "vars", "require [\"include\", \"variables\"]; global \"g\"; set \"g\" \"set-inside\";" },
    { "personal", "once-a", "require [\"include\", \"fileinto\"]; include \"once-b\"; fileinto \"A\";" },
    { "personal", "once-b", "require [\"include\", \"fileinto\"]; include :once \"once-a\"; fileinto \"B\";" },
    { "personal", "count", "require [\"include\", \"variables\"]; global \"r\"; set \"r\" \"${r}x\";" },
  };

  (void) data;
  return resolve_from_table (scripts, G_N_ELEMENTS (scripts), location, name, length, error);
}

static void
test_include (void)
{
  PrdrSieveContext ctx;
  PrdrSieveEnvelope env = { .sender = "s@example.com", .recipient = "r@example.org" };
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  prdr_sieve_context_init (&ctx);
  ctx.script_resolver = resolve;
  a = run_with (&ctx, "require \"include\"; include \"spam\"; include :once \"spam\";\n"
                "include :optional \"missing\"; keep;", TEST_MESSAGE, &env);
  g_assert_cmpstr (a, ==, "fileinto \"Junk\"\nkeep");
  b = run_with (&ctx, "require \"include\"; include \"missing\";", TEST_MESSAGE, &env);
  g_assert_cmpstr (b, ==, "COMPILE: t.sieve:1:20: included personal script 'missing' does not exist");
  c = run_with (&ctx, "require \"include\"; include \"loop\";", TEST_MESSAGE, &env);
  g_assert_cmpstr (c, ==, "COMPILE: loop:1:20: circular include of personal script 'loop' "
                   "t.sieve:1:20: failed to compile included script 'loop'");
  d = run_with (&ctx, "require [\"include\", \"variables\", \"fileinto\"];\n"
                "global \"g\"; include :global \"vars\"; fileinto \"${g}\";", TEST_MESSAGE, &env);
  g_assert_cmpstr (d, ==, "fileinto \"set-inside\"");
}

/* RFC 6609 section 3.2: include :once of a script being included is no
 * error and does not run it again; :once also skips a script included
 * before without :once */
static void
test_include_once (void)
{
  PrdrSieveContext ctx;
  PrdrSieveEnvelope env = { .sender = "s@example.com", .recipient = "r@example.org" };
  g_autofree char *a = NULL, *b = NULL;

  prdr_sieve_context_init (&ctx);
  ctx.script_resolver = resolve;
  a = run_with (&ctx, "require \"include\"; include \"once-a\";", TEST_MESSAGE, &env);
  g_assert_cmpstr (a, ==, "fileinto \"B\"\nfileinto \"A\"");
  b = run_with (&ctx, "require [\"include\", \"variables\", \"fileinto\"]; global \"r\";\n"
                "include \"count\"; include :once \"count\"; fileinto \"r${r}\";",
                TEST_MESSAGE, &env);
  g_assert_cmpstr (b, ==, "fileinto \"rx\"");
}

static void
test_mime_foreverypart (void)
{
  assert_mime ("require [\"mime\", \"foreverypart\", \"fileinto\", \"variables\"];\n"
               "foreverypart { if header :mime :subtype \"content-type\" \"pdf\" {\n"
               "  if header :mime :param \"filename\" \"content-disposition\" \"doc.pdf\" {\n"
               "    fileinto \"pdf\"; break; } } }",
               "fileinto \"pdf\"");
  assert_mime ("require [\"mime\", \"foreverypart\", \"extracttext\", \"variables\", \"fileinto\"];\n"
               "foreverypart { if header :mime :type \"content-type\" \"text\" {\n"
               "  extracttext :upper :first 4 \"t\"; fileinto \"${t}\"; } }",
               "fileinto \"CAF\xc3\xa9\"");
  assert_mime ("require [\"mime\"];\n"
               "if header :mime :anychild :contenttype \"content-type\" \"application/pdf\" "
               "{ discard; }", "discard");
  assert_mime ("require [\"foreverypart\"]; break;",
               "COMPILE: t.sieve:1:27: break is only allowed inside foreverypart");
}

static void
test_editheader (void)
{
  /* later tests see the edits; each edit is reported */
  assert_run ("require [\"editheader\", \"fileinto\"];\n"
              "addheader \"X-Flag\" \"caf\xc3\xa9\"; deleteheader :index 1 \"X-Spam-Score\";\n"
              "if header :is \"x-flag\" \"caf\xc3\xa9\" { fileinto \"added\"; }\n"
              "if header :is \"x-spam-score\" \"12\" { fileinto \"left\"; }\n"
              "if size :over 1000 { discard; }",
              "addheader \"X-Flag\" \"caf\xc3\xa9\"\ndeleteheader \"X-Spam-Score\" index 1\n"
              "fileinto \"added\"\nfileinto \"left\"");
  /* deletions come bottom-up so they can be applied in order */
  assert_run ("require \"editheader\"; deleteheader \"x-spam-score\";",
              "deleteheader \"X-Spam-Score\" index 2\ndeleteheader \"X-Spam-Score\" index 1\n"
              "implicit keep");
  assert_run ("require \"editheader\"; deleteheader :matches \"x-spam-score\" \"1*\";",
              "deleteheader \"X-Spam-Score\" index 2\nimplicit keep");
  assert_run ("require \"editheader\"; deleteheader \"received\";", "implicit keep");
  assert_run ("require \"editheader\"; addheader \"Bad:Name\" \"x\";",
              "COMPILE: t.sieve:1:33: specified field name 'Bad:Name' is invalid");
}

static gboolean
seen_before (const char *id, guint64 seconds, gpointer data)
{
  GHashTable *seen = data;
  gboolean was = g_hash_table_contains (seen, id);
  g_assert_cmpuint (seconds, ==, 3600);
  g_hash_table_add (seen, g_strdup (id));
  return was;
}

static int
list_lookup (const char *list, const char *value, gpointer data)
{
  (void) data;
  if (g_strcmp0 (list, ":addrbook:default") != 0)
    return -1;
  return g_strcmp0 (value, "sender@example.com") == 0;
}

static void
test_duplicate_extlists (void)
{
  PrdrSieveContext ctx;
  PrdrSieveEnvelope env = { .sender = "sender@example.com", .recipient = "r@example.org" };
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *dup = "require \"duplicate\";\n"
    "if duplicate :uniqueid \"abc\" :seconds 3600 { discard; }";
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  prdr_sieve_context_init (&ctx);
  ctx.duplicate_check = seen_before;
  ctx.list_resolver = list_lookup;
  ctx.resolver_data = seen;
  a = run_with (&ctx, dup, TEST_MESSAGE, &env);
  g_assert_true (g_str_has_prefix (a, "duplicate_mark \""));
  g_assert_true (g_str_has_suffix (a, "\" seconds 3600\nimplicit keep"));
  b = run_with (&ctx, dup, TEST_MESSAGE, &env);
  g_assert_cmpstr (b, ==, "discard");
  /* no Message-ID: never a duplicate */
  c = run_with (&ctx, "require \"duplicate\"; if duplicate { discard; }", TEST_MESSAGE, &env);
  g_assert_cmpstr (c, ==, "implicit keep");
  d = run_with (&ctx, "require [\"extlists\", \"envelope\"];\n"
                "if envelope :list \"from\" \":addrbook:default\" { keep; }\n"
                "if valid_ext_list \":addrbook:other\" { discard; }", TEST_MESSAGE, &env);
  g_assert_cmpstr (d, ==, "keep");
}

static void
test_enotify (void)
{
  assert_run ("require [\"enotify\", \"variables\"];\n"
              "set :encodeurl \"s\" \"a b&c\";\n"
              "notify :importance \"1\" :message \"New: ${s}\" \"mailto:me@example.org\";\n"
              "notify \"mailto:me@example.org\";",
              "notify \"mailto:me@example.org\" importance 1 message \"New: a%20b%26c\"\n"
              "implicit keep");
  assert_run ("require \"enotify\"; notify \"xmpp:me@example.org\";",
              "COMPILE: t.sieve:1:27: invalid or unsupported notify method 'xmpp:me@example.org'");
  assert_run ("require \"enotify\"; notify :importance \"5\" \"mailto:a@b.example\";",
              "COMPILE: t.sieve:1:39: invalid :importance value '5'");
  assert_run ("require \"enotify\";\n"
              "if valid_notify_method [\"mailto:a@b.example\", \"mailto:x@y.example?subject=hi\"] "
              "{ keep; }\n"
              "if notify_method_capability \"mailto:a@b.example\" \"online\" \"maybe\" { discard; }",
              "keep\ndiscard");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/sieve/ext/fileinto-copy", test_fileinto_copy);
  g_test_add_func ("/sieve/ext/reject", test_reject);
  g_test_add_func ("/sieve/ext/envelope", test_envelope);
  g_test_add_func ("/sieve/ext/envelope-paths", test_envelope_paths);
  g_test_add_func ("/sieve/ext/subaddress", test_subaddress);
  g_test_add_func ("/sieve/ext/variables", test_variables);
  g_test_add_func ("/sieve/ext/modifiers-limit", test_modifiers_limit);
  g_test_add_func ("/sieve/ext/imap4flags", test_imap4flags);
  g_test_add_func ("/sieve/ext/encoded-character", test_encoded_character);
  g_test_add_func ("/sieve/ext/body", test_body);
  g_test_add_func ("/sieve/ext/vacation", test_vacation);
  g_test_add_func ("/sieve/ext/spamtest", test_spamtest);
  g_test_add_func ("/sieve/ext/date-environment", test_date_environment);
  g_test_add_func ("/sieve/ext/mailbox-ihave", test_mailbox_ihave);
  g_test_add_func ("/sieve/ext/include", test_include);
  g_test_add_func ("/sieve/ext/include-once", test_include_once);
  g_test_add_func ("/sieve/ext/mime", test_mime_foreverypart);
  g_test_add_func ("/sieve/ext/editheader", test_editheader);
  g_test_add_func ("/sieve/ext/duplicate-extlists", test_duplicate_extlists);
  g_test_add_func ("/sieve/ext/enotify", test_enotify);
  return g_test_run ();
}
