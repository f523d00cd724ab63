/*
 * test-sieve-mime.c - the MIME side of the engine through what scripts see:
 * body transforms (RFC 5173), foreverypart/break/extracttext and the :mime
 * options (RFC 5703), the message view on hostile MIME, and the HTML text
 * extraction behind body :text and extracttext.
 */
#include "sieve-test-util.h"
#include "sieve/sieve-private.h"

/* A message with every kind of part: multiparts with prologues and
 * epilogues, text, HTML, message/rfc822, an unknown transfer encoding, a
 * broken Content-Type, XHTML and a spaced-out Content-Type. */
#define NESTED_MESSAGE                                                      \
  "From: a@example.com\r\n"                                                 \
  "Subject: nested\r\n"                                                     \
  "X-Test: AA\r\n"                                                          \
  "Content-Type: multipart/mixed; boundary=AA\r\n"                          \
  "\r\n"                                                                    \
  "Prologue AA\r\n"                                                         \
  "--AA\r\n"                                                                \
  "Content-Type: multipart/alternative; boundary=BB\r\n"                    \
  "X-Test: BB\r\n"                                                          \
  "\r\n"                                                                    \
  "Prologue BB\r\n"                                                         \
  "--BB\r\n"                                                                \
  "Content-Type: text/plain; charset=iso-8859-1\r\n"                        \
  "X-Test: CC\r\n"                                                          \
  "\r\n"                                                                    \
  "Plain caf\xe9\r\n"                                                       \
  "--BB\r\n"                                                                \
  "Content-Type: text/html\r\n"                                             \
  "X-Test: DD\r\n"                                                          \
  "\r\n"                                                                    \
  "<p>Caf&#233; &amp; <b>bold</b></p><script>var hidden;</script>\r\n"      \
  "--BB--\r\n"                                                              \
  "Epilogue BB\r\n"                                                         \
  "--AA\r\n"                                                                \
  "Content-Type: message/rfc822\r\n"                                        \
  "X-Test: EE\r\n"                                                          \
  "\r\n"                                                                    \
  "From: inner@example.com\r\n"                                             \
  "Subject: Inner\r\n"                                                      \
  " folded\r\n"                                                             \
  "\r\n"                                                                    \
  "Inner body\r\n"                                                          \
  "--AA\r\n"                                                                \
  "Content-Type: text/plain\r\n"                                            \
  "Content-Transfer-Encoding: x-unknown\r\n"                                \
  "\r\n"                                                                    \
  "Secret words\r\n"                                                        \
  "--AA\r\n"                                                                \
  "Content-Type: text/plain/stupid\r\n"                                     \
  "\r\n"                                                                    \
  "Stupid words\r\n"                                                        \
  "--AA\r\n"                                                                \
  "Content-Type: application/xhtml+xml\r\n"                                \
  "\r\n"                                                                    \
  "<html><body>XHTML words</body></html>\r\n"                               \
  "--AA\r\n"                                                                \
  "Content-Type: image / png\r\n"                                            \
  "\r\n"                                                                    \
  "PNG words\r\n"                                                           \
  "--AA--\r\n"                                                              \
  "Epilogue AA\r\n"

static char *
resolve (const char *location, const char *name, gsize *length, gpointer data, GError **error)
{
  static const char *const parts =
    "require [\"include\", \"foreverypart\", \"mime\", \"variables\"]; global \"seq\";\n"
    "foreverypart { if header :mime :matches \"X-Test\" \"*\" { set \"seq\" \"${seq}${1} \"; } }";

  (void) location, (void) data;
  if (g_strcmp0 (name, "parts") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no %s", name);
      return NULL;
    }
  *length = strlen (parts);
  return g_strdup (parts);
}

static char *
run_on (const char *script, const char *message)
{
  PrdrSieveContext ctx;
  PrdrSieveEnvelope env = { .sender = "s@example.com", .recipient = "r@example.org" };

  prdr_sieve_context_init (&ctx);
  ctx.script_resolver = resolve;
  return run_with (&ctx, script, message, &env);
}

#define assert_on(message, script, expected)                                 \
  G_STMT_START {                                                             \
    g_autofree char *got_ = run_on (script, message);                        \
    g_assert_cmpstr (got_, ==, expected);                                    \
  } G_STMT_END

/* body test @test on NESTED_MESSAGE: "yes" or "no" */
#define assert_body(test, expected)                                          \
  assert_on (NESTED_MESSAGE, "require [\"body\", \"fileinto\", \"relational\", "  \
             "\"comparator-i;ascii-numeric\"];\n"                            \
             "if " test " { fileinto \"yes\"; } else { fileinto \"no\"; }",  \
             "fileinto \"" expected "\"")

#define SEQ_REQUIRE                                                          \
  "require [\"foreverypart\", \"mime\", \"variables\", \"fileinto\", \"include\"];\n"
#define SEQ_ADD "if header :mime :matches \"X-Test\" \"*\" { set \"seq\" \"${seq}${1} \"; } " \
  "else { set \"seq\" \"${seq}- \"; }"

/* RFC 5703 section 3: every part, containers included, depth first, the
 * message first; a nested loop sees the parts inside the current one, also
 * when the nested loop is in an included script */
static void
test_foreverypart_order (void)
{
  assert_on (NESTED_MESSAGE, SEQ_REQUIRE "foreverypart { " SEQ_ADD " } fileinto \"${seq}\";",
             "fileinto \"AA BB CC DD EE - - - - - \"");
  assert_on (NESTED_MESSAGE, SEQ_REQUIRE
             "foreverypart { if header :mime \"X-Test\" \"BB\" { foreverypart { " SEQ_ADD " } } }\n"
             "fileinto \"${seq}\";", "fileinto \"CC DD \"");
  assert_on (NESTED_MESSAGE, SEQ_REQUIRE "global \"seq\";\n"
             "foreverypart { if header :mime \"X-Test\" \"BB\" { include \"parts\"; } }\n"
             "fileinto \"${seq}\";", "fileinto \"CC DD \"");
  assert_on (NESTED_MESSAGE, SEQ_REQUIRE
             "foreverypart :name \"out\" { foreverypart { " SEQ_ADD
             " if header :mime \"X-Test\" \"CC\" { break :name \"out\"; } } }\n"
             "fileinto \"${seq}\";", "fileinto \"BB CC \"");
}

/* RFC 5173 section 5.2 */
static void
test_body_content (void)
{
  assert_body ("body :content \"multipart\" :contains \"Prologue AA\"", "yes");
  assert_body ("body :content \"multipart\" :contains \"Epilogue BB\"", "yes");
  assert_body ("body :content \"multipart\" :contains \"--BB\"", "no");
  assert_body ("body :content \"multipart\" :contains \"Plain\"", "no");
  assert_body ("body :content \"multipart\" :count \"eq\" :comparator \"i;ascii-numeric\" \"4\"",
               "yes");
  assert_body ("body :content \"message/rfc822\" :is "
               "\"From: inner@example.com\r\nSubject: Inner\r\n folded\r\n\"", "yes");
  assert_body ("body :content \"message/rfc822\" :contains \"Inner body\"", "no");
  assert_body ("body :content \"text/plain\" :contains \"Inner body\"", "yes");
  assert_body ("body :content \"text/html\" :contains \"<b>bold</b>\"", "yes");
  assert_body ("body :content \"text/plain\" :contains \"caf\xc3\xa9\"", "yes");
  /* RFC 2045 6.4: an unknown transfer encoding makes application/octet-stream */
  assert_body ("body :content \"text\" :contains \"Secret\"", "no");
  assert_body ("body :content \"application/octet-stream\" :contains \"Secret\"", "yes");
  /* RFC 2045 5.2: a syntactically invalid Content-Type is text/plain */
  assert_body ("body :content \"text/plain\" :contains \"Stupid words\"", "yes");
  assert_body ("body :content \"text/plain/stupid\" :contains \"\"", "no");
  /* RFC 822 lexical rules: white space around the '/' is allowed */
  assert_body ("body :content \"image/png\" :contains \"PNG words\"", "yes");
}

/* RFC 5173 section 5.3: the text parts, mark-up stripped */
static void
test_body_text (void)
{
  assert_body ("body :text :contains \"Caf\xc3\xa9 & bold\"", "yes");
  assert_body ("body :text :contains [\"<b>\", \"hidden\", \"Prologue\", \"Secret\"]", "no");
  assert_body ("body :text :contains \"XHTML words\"", "yes");
  assert_body ("body :text :contains \"<html>\"", "no");
  assert_body ("body :text :contains \"Inner body\"", "yes");
  assert_body ("body :contains \"Stupid words\"", "yes");
}

/* RFC 5173 section 5: no empty line, no body; RFC 5173 section 6: no
 * match variables */
static void
test_body_edges (void)
{
  static const char *const test =
    "require [\"body\", \"fileinto\"]; if body :raw :contains \"\" { fileinto \"yes\"; } "
    "if body :text :contains \"\" { fileinto \"text\"; }";

  assert_on ("From: a@example.com\r\nSubject: no body\r\n", test, "implicit keep");
  assert_on ("From: a@example.com\r\n\r\n", test, "fileinto \"yes\"\nfileinto \"text\"");
  assert_on (TEST_MESSAGE, "require [\"body\", \"variables\", \"fileinto\"];\n"
             "if header :matches \"X-Spam-Score\" \"*\" { }\n"
             "if body :raw :matches \"Hello * text*\" { fileinto \"${1}\"; }",
             "fileinto \"7\"");
}

static void
test_extracttext (void)
{
  assert_on (NESTED_MESSAGE, SEQ_REQUIRE "require \"extracttext\";\n"
             "foreverypart { if header :mime \"X-Test\" \"DD\" { extracttext \"t\"; "
             "fileinto \"${t}\"; } }", "fileinto \"Caf\xc3\xa9 & bold \"");
}

/* compile errors of RFC 5703 */
static void
test_mime_errors (void)
{
  assert_on (NESTED_MESSAGE, "require \"foreverypart\"; foreverypart :name \"a\" "
             "{ foreverypart { break :name \"b\"; } }",
             "COMPILE: t.sieve:1:77: break :name \"b\": no enclosing foreverypart has that name");
  assert_on (NESTED_MESSAGE, "require \"mime\"; if header :anychild \"to\" \"x\" { keep; }",
             "COMPILE: t.sieve:1:20: header: :anychild needs :mime");
  assert_on (NESTED_MESSAGE, "require \"mime\"; if header :type \"to\" \"x\" { keep; }",
             "COMPILE: t.sieve:1:20: header: the :type, :subtype, :contenttype and :param "
             "options need :mime");
  assert_on (NESTED_MESSAGE, "require \"mime\"; if exists :mime :type \"to\" { keep; }",
             "COMPILE: t.sieve:1:20: exists: the :type, :subtype, :contenttype and :param "
             "options belong to header only");
  assert_on (NESTED_MESSAGE, "require [\"extracttext\", \"foreverypart\"]; keep;",
             "COMPILE: t.sieve:1:9: the extracttext extension cannot be used without the "
             "variables extension");
  assert_on (NESTED_MESSAGE, "require \"extracttext\"; require [\"variables\", \"foreverypart\"];"
             " keep;", "keep");
}

/* deep nesting, many parts, bad encodings: bounded, no crash */
static void
test_hostile_mime (void)
{
  GString *deep = g_string_new ("From: a@example.com\r\n");
  g_autoptr (PrdrSieveMessage) m = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *got = NULL;
  const guint levels = 5000;

  for (guint i = 0; i < levels; i++)
    g_string_append_printf (deep, "Content-Type: multipart/mixed; boundary=b%u\r\n\r\n--b%u\r\n",
                            i, i);
  g_string_append (deep, "Content-Type: text/plain\r\n\r\ndeep text\r\n");
  m = prdr_sieve_message_new_from_bytes (deep->str, deep->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prdr_sieve_message_n_parts (m), ==, PRDR_SIEVE_MAX_MIME_PARTS);
  got = run_on ("require [\"body\", \"foreverypart\", \"mime\", \"fileinto\"];\n"
                "if body :text :contains \"deep text\" { fileinto \"found\"; }\n"
                "foreverypart { if header :mime :anychild \"X-None\" \"\" { discard; } }",
                deep->str);
  g_assert_cmpstr (got, ==, "implicit keep");
  g_string_free (deep, TRUE);
  assert_on ("From: a@example.com\r\nContent-Type: text/plain\r\n"
             "Content-Transfer-Encoding: base64\r\n\r\n!!!not*base64===\r\n",
             "require [\"body\", \"fileinto\"]; if body :text :contains \"not\" "
             "{ fileinto \"yes\"; } else { fileinto \"no\"; }", "fileinto \"no\"");
}

#define assert_html(html, expected)                                          \
  G_STMT_START {                                                             \
    g_autofree char *got_ = prdr_sieve_html_to_text (html, strlen (html));   \
    g_assert_cmpstr (got_, ==, expected);                                    \
    g_assert_cmpuint (strlen (got_), <=, strlen (html));                     \
  } G_STMT_END

static void
test_html_text (void)
{
  assert_html ("a < b &amp;&#x41;&#0;&bogus; <!-- c --> d", "a < b &A&#0;&bogus; d");
  assert_html ("<style>p {}</style>x<script>y</script>z<br>w", "xz w");
  assert_html ("<p>one\r\n   two</p><p>three</p>", "one two three ");
  assert_html ("<p>text <b", "text ");
  assert_html ("<!-- never closed", "");
  assert_html ("&#x110000;&#xD800;&#12345678901;", "&#x110000;&#xD800;&#12345678901;");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sieve/mime/foreverypart-order", test_foreverypart_order);
  g_test_add_func ("/sieve/mime/body-content", test_body_content);
  g_test_add_func ("/sieve/mime/body-text", test_body_text);
  g_test_add_func ("/sieve/mime/body-edges", test_body_edges);
  g_test_add_func ("/sieve/mime/extracttext", test_extracttext);
  g_test_add_func ("/sieve/mime/errors", test_mime_errors);
  g_test_add_func ("/sieve/mime/hostile", test_hostile_mime);
  g_test_add_func ("/sieve/mime/html-text", test_html_text);
  return g_test_run ();
}
