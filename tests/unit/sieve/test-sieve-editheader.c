/*
 * test-sieve-editheader.c - editheader (RFC 5293) as a caller sees it:
 * the header each action acts on (prdr_sieve_result_message), how added
 * values are unfolded, encoded and folded, the size limit at compile and
 * at run time, and the fields a script may not add or delete.
 */
#include "sieve-test-util.h"

#define SMALL_MESSAGE "Received: from a by b; Mon, 1 Jan 2024 00:00:00 +0000\r\n" \
  "Subject: Frop!\r\nX-A: one\r\n\r\nBody\r\n"

/* run_result - compile and run @script on SMALL_MESSAGE */
static PrdrSieveResult *
run_result (const PrdrSieveContext *ctx, const char *script, PrdrSieveMessage **msg)
{
  PrdrSieveEnvelope env = { .sender = "s@example.com", .recipient = "r@example.org" };
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrSieveScript) s = prdr_sieve_script_compile (ctx, "t", script, -1, NULL, &error);
  PrdrSieveResult *r;

  g_assert_no_error (error);
  *msg = prdr_sieve_message_new_from_bytes (SMALL_MESSAGE, strlen (SMALL_MESSAGE), &error);
  r = prdr_sieve_script_run (s, *msg, &env, ctx, &error);
  g_assert_no_error (error);
  return r;
}

static char *
message_at (const PrdrSieveResult *r, guint index, PrdrSieveMessage *msg)
{
  g_autoptr (GBytes) b = prdr_sieve_result_message (r, index, msg);
  gsize len;
  const char *data = g_bytes_get_data (b, &len);

  return g_strndup (data, len);
}

/* RFC 5293 section 7: each action acts on the header as it is when the
 * action runs; the implicit keep (index past the end) after all edits */
static void
test_message_per_action (void)
{
  PrdrSieveContext ctx;
  g_autoptr (PrdrSieveMessage) msg = NULL;
  g_autoptr (PrdrSieveResult) r = NULL;
  g_autofree char *before = NULL, *redirected = NULL, *kept = NULL;

  prdr_sieve_context_init (&ctx);
  r = run_result (&ctx, "require [\"editheader\", \"copy\"]; addheader \"X-New\" \"v\";\n"
                  "redirect :copy \"a@example.com\"; deleteheader \"Subject\";", &msg);
  g_assert_cmpuint (r->actions->len, ==, 3);
  before = message_at (r, 0, msg);
  g_assert_cmpstr (before, ==, SMALL_MESSAGE);
  redirected = message_at (r, 1, msg);
  g_assert_cmpstr (redirected, ==, "X-New: v\r\n"
                   "Received: from a by b; Mon, 1 Jan 2024 00:00:00 +0000\r\n"
                   "Subject: Frop!\r\nX-A: one\r\n\r\nBody\r\n");
  kept = message_at (r, r->actions->len, msg);
  g_assert_cmpstr (kept, ==, "X-New: v\r\n"
                   "Received: from a by b; Mon, 1 Jan 2024 00:00:00 +0000\r\n"
                   "X-A: one\r\n\r\nBody\r\n");
}

/* line breaks in a value, with the white space around them, become one
 * space; long values are folded at spaces; non-ASCII is RFC 2047 encoded;
 * the field never carries a bare CR or LF of the value */
static void
test_value_folding (void)
{
  PrdrSieveContext ctx;
  g_autoptr (PrdrSieveMessage) msg = NULL;
  g_autoptr (PrdrSieveResult) r = NULL;
  g_autofree char *kept = NULL;
  g_auto (GStrv) lines = NULL;

  assert_run ("require [\"editheader\", \"variables\"];\n"
              "addheader \"X-N\" \"first  line \r\n  second\r\n\r\nthird\r\n\";\n"
              "if header :is \"x-n\" \"first  line second third\" { discard; }",
              "addheader \"X-N\" \"first  line \\r\\n  second\\r\\n\\r\\nthird\\r\\n\"\ndiscard");
  prdr_sieve_context_init (&ctx);
  r = run_result (&ctx, "require \"editheader\";\n"
                  "addheader :last \"X-Long\" \"aaaa bbbb cccc dddd eeee ffff gggg hhhh "
                  "iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr\";\n"
                  "addheader \"X-Utf8\" \"H\xc3\xa9llo\";", &msg);
  kept = message_at (r, r->actions->len, msg);
  g_assert_true (g_str_has_prefix (kept, "X-Utf8: =?UTF-8?b?SMOpbGxv?=\r\n"));
  g_assert_nonnull (strstr (kept, "X-A: one\r\nX-Long: aaaa bbbb"));
  lines = g_strsplit (kept, "\r\n", -1);
  for (char **l = lines; *l; l++)
    {
      g_assert_cmpuint (strlen (*l), <=, 78);
      g_assert_null (strchr (*l, '\n'));
      g_assert_null (strchr (*l, '\r'));
    }
  g_assert_nonnull (strstr (kept, "X-Long: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn\r\n oooo pppp qqqq rrrr\r\n"));
}

/* RFC 5293 section 4: a limit on the added field, at compile time for a
 * constant value and at run time for one built from variables */
static void
test_size_limit (void)
{
  PrdrSieveContext ctx;
  g_autofree char *big = g_strnfill (1500, 'A');
  g_autofree char *constant = g_strdup_printf ("require \"editheader\"; addheader \"X-Big\" \"%s\";",
                                               big);
  g_autofree char *runtime = g_strdup_printf ("require [\"editheader\", \"variables\"];\n"
                                              "set \"v\" \"%s\"; addheader \"X-Big\" \"${v}\";",
                                              big);
  g_autofree char *ok = NULL, *compile = NULL, *run = NULL, *floor = NULL;
  PrdrSieveEnvelope env = { .sender = "s@example.com", .recipient = "r@example.org" };

  prdr_sieve_context_init (&ctx);
  ok = run_with (&ctx, constant, TEST_MESSAGE, &env);
  g_assert_true (g_str_has_prefix (ok, "addheader \"X-Big\""));
  ctx.limits.max_header_size = 1024;
  compile = run_with (&ctx, constant, TEST_MESSAGE, &env);
  g_assert_cmpstr (compile, ==, "COMPILE: t.sieve:1:41: the 'X-Big' header field would be "
                   "1507 octets, more than the limit of 1024");
  run = run_with (&ctx, runtime, TEST_MESSAGE, &env);
  g_assert_cmpstr (run, ==, "ERROR: t.sieve:2: the 'X-Big' header field would be 1507 octets, "
                   "more than the limit of 1024");
  /* no configuration goes below RFC 5293's 998 */
  ctx.limits.max_header_size = 10;
  floor = run_with (&ctx, "require \"editheader\"; addheader \"X-S\" \"short\";",
                    TEST_MESSAGE, &env);
  g_assert_cmpstr (floor, ==, "addheader \"X-S\" \"short\"\nimplicit keep");
}

/* a script cannot grow the header without bound: foreverypart over a
 * message of many parts adding a field each time stops with an error */
static void
test_added_fields_bounded (void)
{
  GString *msg = g_string_new ("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
  PrdrSieveContext ctx;
  PrdrSieveEnvelope env = { .sender = "s@example.com", .recipient = "r@example.org" };
  g_autofree char *many = NULL, *few = NULL, *text = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append (msg, "--b\r\n\r\npart\r\n");
  g_string_append (msg, "--b--\r\n");
  text = g_string_free (msg, FALSE);
  prdr_sieve_context_init (&ctx);
  many = run_with (&ctx, "require [\"editheader\", \"foreverypart\"];\n"
                   "foreverypart { addheader \"X-Part\" \"seen\"; }", text, &env);
  g_assert_cmpstr (many, ==, "ERROR: t.sieve:2: more than 256 header fields added");
  few = run_with (&ctx, "require [\"editheader\", \"foreverypart\"];\n"
                  "foreverypart { addheader \"X-Part\" \"seen\"; break; }", text, &env);
  g_assert_cmpstr (few, ==, "addheader \"X-Part\" \"seen\"\nimplicit keep");
}

/* RFC 5293 section 6: Received and Auto-Submitted are never deleted,
 * Subject may always be changed, other fields as the caller allows; a
 * forbidden change is silently ignored */
static void
test_protected_fields (void)
{
  static const char *const forbid_add[] = { "X-Frop", "Subject", NULL };
  static const char *const forbid_delete[] = { "x-a", "subject", NULL };
  PrdrSieveContext ctx;
  g_autoptr (PrdrSieveMessage) msg = NULL;
  g_autoptr (PrdrSieveResult) r = NULL;
  g_autofree char *kept = NULL;

  prdr_sieve_context_init (&ctx);
  ctx.editheader_forbid_add = forbid_add;
  ctx.editheader_forbid_delete = forbid_delete;
  r = run_result (&ctx, "require \"editheader\";\n"
                  "deleteheader \"received\"; deleteheader \"X-A\"; deleteheader \"subject\";\n"
                  "addheader \"x-frop\" \"no\"; addheader \"Subject\" \"New\";\n"
                  "addheader \"Received\" \"by sieve\";", &msg);
  kept = message_at (r, r->actions->len, msg);
  g_assert_cmpstr (kept, ==, "Received: by sieve\r\nSubject: New\r\n"
                   "Received: from a by b; Mon, 1 Jan 2024 00:00:00 +0000\r\n"
                   "X-A: one\r\n\r\nBody\r\n");
}

/* X-Sieve-Redirected-From marks a redirect loop (mail/redirect.h): a
 * script can neither remove the mark nor forge one */
static void
test_loop_mark_fields (void)
{
  PrdrSieveContext ctx;
  g_autoptr (PrdrSieveMessage) msg = NULL;
  g_autoptr (PrdrSieveResult) r = NULL;
  g_autofree char *kept = NULL;

  prdr_sieve_context_init (&ctx);
  r = run_result (&ctx, "require \"editheader\";\n"
                  "addheader \"X-Sieve-Redirected-From\" \"other@example.org\";\n"
                  "addheader \"X-B\" \"two\";", &msg);
  kept = message_at (r, r->actions->len, msg);
  g_assert_cmpstr (kept, ==, "X-B: two\r\n" SMALL_MESSAGE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sieve/editheader/message-per-action", test_message_per_action);
  g_test_add_func ("/sieve/editheader/value-folding", test_value_folding);
  g_test_add_func ("/sieve/editheader/size-limit", test_size_limit);
  g_test_add_func ("/sieve/editheader/protected-fields", test_protected_fields);
  g_test_add_func ("/sieve/editheader/loop-mark-fields", test_loop_mark_fields);
  g_test_add_func ("/sieve/editheader/added-fields-bounded", test_added_fields_bounded);
  return g_test_run ();
}
