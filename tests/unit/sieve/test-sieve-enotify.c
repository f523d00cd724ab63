/*
 * test-sieve-enotify.c - the checks the engine makes on notify (RFC 5435)
 * with the mailto method (RFC 5436, URIs per RFC 6068 through
 * mail/mailto.h): each bad URI, :from, :options and :importance constant
 * reported at compile time with its reason, valid_notify_method, and bad
 * URIs built at run time dropped with a warning.
 */
#include "sieve-test-util.h"

static void
assert_diags (const char *script, const char *const *expected)
{
  PrdrSieveContext ctx;
  prdr_sieve_context_init (&ctx);
  g_autofree char *got = compile_diags (&ctx, script);
  g_auto (GStrv) lines = g_strsplit (got, "\n", -1);
  guint n = 0;
  for (; expected[n]; n++)
    {
      g_assert_nonnull (lines[n]);
      if (!strstr (lines[n], expected[n]))
        g_error ("diagnostic %u: got '%s', expected it to contain '%s'", n, lines[n],
                 expected[n]);
    }
  g_assert_cmpuint (g_strv_length (lines), ==, n);
}

static void
test_enotify_uri_errors (void)
{
  static const char *const expected[] = {
    "t.sieve:2:8: invalid recipient 'stephan@example.org;'",
    "t.sieve:3:8: invalid character '<' in the header field name",
    "t.sieve:4:8: invalid character '>' in the header field value",
    "t.sieve:5:8: invalid header field name 'header:'",
    "t.sieve:6:8: invalid recipient 'stephan#example.org'",
    "t.sieve:7:8: invalid recipient 'nico#frop.example.org'",
    "t.sieve:8:8: invalid or unsupported notify method 'snailto:a@example.org'",
    NULL,
  };
  assert_diags ("require \"enotify\";\n"
                "notify \"mailto:stephan@example.org;?header=frop\";\n"
                "notify \"mailto:stephan@example.org?header<=frop\";\n"
                "notify \"mailto:stephan@example.org?header=fr>op\";\n"
                "notify \"mailto:stephan@example.org?header:=frop\";\n"
                "notify \"mailto:stephan%23example.org\";\n"
                "notify \"mailto:stephan@example.org?to=nico%23frop.example.org\";\n"
                "notify \"snailto:a@example.org\";\n", expected);
}

static void
test_enotify_tag_errors (void)
{
  /* the :options value with a line break makes its diagnostic two lines */
  static const char *const expected[] = {
    "t.sieve:2:14: the :from address 'stephan#example.org' of notify is not a valid address",
    "t.sieve:3:14: the :from address '' of notify is not a valid address",
    "t.sieve:4:17: invalid notify :options value '' (not name=value)",
    "t.sieve:5:17: invalid notify :options value '_frop=' (not name=value)",
    "t.sieve:6:17: invalid notify :options value '=frop' (not name=value)",
    "t.sieve:6:17: invalid notify :options value 'frop' (not name=value)",
    "t.sieve:7:17: invalid notify :options value 'a=b", "c' (not name=value)",
    "t.sieve:9:20: invalid :importance value '0'",
    NULL,
  };
  assert_diags ("require \"enotify\";\n"
                "notify :from \"stephan#example.org\" \"mailto:a@example.org\";\n"
                "notify :from \"\" \"mailto:a@example.org\";\n"
                "notify :options \"\" \"mailto:a@example.org\";\n"
                "notify :options \"_frop=\" \"mailto:a@example.org\";\n"
                "notify :options [\"=frop\", \"frop\", \"x.y-z_1=ok\"] \"mailto:a@example.org\";\n"
                "notify :options \"a=b\nc\" \"mailto:a@example.org\";\n"
                "notify :importance \"0\" :from \"Me <me@example.org>\" \"mailto:a@example.org\";\n",
                expected);
}

static void
test_enotify_runtime (void)
{
  assert_run ("require \"enotify\";\n"
              "if valid_notify_method \"mailto:stephan@example.org?header:=frop\" { discard; }\n"
              "if valid_notify_method \"mailto:stephan@example.org?to=nico%23frop.example.org\""
              " { discard; }\n"
              "if valid_notify_method \"mailto:?to=a@example.org&cc=b@example.org\" { keep; }",
              "keep");
  /* a URI built at run time that does not parse is dropped, not an error; a
   * bad :from built at run time is left to the message builder (it falls
   * back to the owner's address) */
  assert_run ("require [\"enotify\", \"variables\"];\n"
              "set \"to\" \"nico#frop.example.org\";\n"
              "notify \"mailto:${to}\";\n"
              "notify :from \"${to}\" \"mailto:me@example.org\";",
              "notify \"mailto:me@example.org\"\nimplicit keep");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/sieve/enotify/uri-errors", test_enotify_uri_errors);
  g_test_add_func ("/sieve/enotify/tag-errors", test_enotify_tag_errors);
  g_test_add_func ("/sieve/enotify/runtime", test_enotify_runtime);
  return g_test_run ();
}
