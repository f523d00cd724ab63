/*
 * test-reply.c - SMTP replies of verdicts: what text reaches the MTA, what
 * is refused, and how "550 5.7.1 text" lines are parsed.
 */
#include <string.h>

#include <prdr/verdict.h>

/* text_of_length - @length octets of 'x'. */
static char *
text_of_length (gsize length)
{
  char *text = g_malloc (length + 1);
  memset (text, 'x', length);
  text[length] = '\0';
  return text;
}

static void
test_length (void)
{
  g_autofree char *longest = text_of_length (PRDR_REPLY_TEXT_MAX);
  g_autofree char *too_long = text_of_length (PRDR_REPLY_TEXT_MAX + 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrReply) ok = prdr_reply_new ("550", "5.7.1", longest, &error);
  g_autoptr (PrdrReply) refused = NULL;

  g_assert_cmpint (PRDR_REPLY_TEXT_MAX, ==, 980);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (ok->text), ==, 980);
  refused = prdr_reply_new ("550", "5.7.1", too_long, &error);
  g_assert_null (refused);
  g_assert_error (error, PRDR_REPLY_ERROR, PRDR_REPLY_ERROR_TEXT);
  g_clear_error (&error);
  /* parsing refuses too: never truncates */
  g_assert_null (prdr_reply_parse (too_long, "550", "5.7.1", &error));
  g_assert_error (error, PRDR_REPLY_ERROR, PRDR_REPLY_ERROR_TEXT);
}

static void
test_control_characters (void)
{
  static const char *const bad[] = {
    "line one\r\n250 smuggled", "bare\nnewline", "bare\rreturn", "bell\a", "del\x7f",
    "not utf-8 \xff", NULL
  };

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (prdr_reply_text_valid (bad[i], &error));
      g_assert_error (error, PRDR_REPLY_ERROR, PRDR_REPLY_ERROR_TEXT);
      g_clear_error (&error);
      g_assert_null (prdr_reply_new ("550", NULL, bad[i], &error));
      g_assert_error (error, PRDR_REPLY_ERROR, PRDR_REPLY_ERROR_TEXT);
    }
  g_assert_true (prdr_reply_text_valid ("tab\tand UTF-8 \xc3\xa9t\xc3\xa9", NULL));
}

static void
test_percent_doubled (void)
{
  g_autofree char *one = prdr_reply_text_for_milter ("100% spam");
  g_autofree char *many = prdr_reply_text_for_milter ("%s%%%n");
  g_autofree char *none = prdr_reply_text_for_milter ("clean");

  g_assert_cmpstr (one, ==, "100%% spam");
  g_assert_cmpstr (many, ==, "%%s%%%%%%n");
  g_assert_cmpstr (none, ==, "clean");
}

static void
test_codes (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrReply) defaulted = prdr_reply_new ("451", NULL, "later", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (defaulted->enhanced_code, ==, "4.0.0");
  g_assert_null (prdr_reply_new ("250", "2.0.0", "ok", &error));
  g_assert_error (error, PRDR_REPLY_ERROR, PRDR_REPLY_ERROR_CODE);
  g_clear_error (&error);
  g_assert_null (prdr_reply_new ("550", "4.7.1", "classes differ", &error));
  g_assert_error (error, PRDR_REPLY_ERROR, PRDR_REPLY_ERROR_CODE);
  g_clear_error (&error);
  g_assert_null (prdr_reply_new ("5500", "5.7.1", "four digits", &error));
  g_assert_error (error, PRDR_REPLY_ERROR, PRDR_REPLY_ERROR_CODE);
  g_clear_error (&error);
  g_assert_null (prdr_reply_new ("560", "5.7.1", "second digit 6", &error));
  g_clear_error (&error);
  g_assert_null (prdr_reply_new ("550", "5.7.1000", "detail too long", &error));
  g_assert_error (error, PRDR_REPLY_ERROR, PRDR_REPLY_ERROR_CODE);
}

/* Each row: the line, the defaults, and the reply it must give. */
static const struct {
  const char *line, *default_code, *default_enhanced;
  const char *code, *enhanced, *text;
} parse_rows[] = {
  { "550 5.7.1 bob does not want this", "451", "4.7.1", "550", "5.7.1", "bob does not want this" },
  { "5.7.1 bob does not want this", "550", "5.7.0", "550", "5.7.1", "bob does not want this" },
  { "5.7.1 not for me", "554", NULL, "554", "5.7.1", "not for me" },
  { "4.7.1 busy", "550", "5.7.1", "450", "4.7.1", "busy" },
  { "451 come back later", "550", "5.7.1", "451", "4.7.1", "come back later" },
  { "just text", "550", "5.7.1", "550", "5.7.1", "just text" },
  { "just text", NULL, NULL, "550", "5.0.0", "just text" },
  { "550", "450", "4.2.0", "550", "5.2.0", "" },
  { "1234 is not a code", "550", "5.7.1", "550", "5.7.1", "1234 is not a code" },
  { "5.7.1.2 odd", "550", "5.7.1", "550", "5.7.1", "5.7.1.2 odd" },
  { "100% sure", "550", "5.7.1", "550", "5.7.1", "100% sure" },
};

static void
test_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_rows); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PrdrReply) reply = prdr_reply_parse (parse_rows[i].line,
                                                      parse_rows[i].default_code,
                                                      parse_rows[i].default_enhanced, &error);

      g_test_message ("line \"%s\"", parse_rows[i].line);
      g_assert_no_error (error);
      g_assert_cmpstr (reply->code, ==, parse_rows[i].code);
      g_assert_cmpstr (reply->enhanced_code, ==, parse_rows[i].enhanced);
      g_assert_cmpstr (reply->text, ==, parse_rows[i].text);
    }
}

static void
test_parse_refused (void)
{
  static const char *const bad[] = {
    "250 2.0.0 success is not a failure", "2.0.0 nor is this", "550 4.7.1 mixed",
    "599 5.7.1 second digit", "550 5.7.1 with\nnewline", NULL
  };

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_null (prdr_reply_parse (bad[i], "550", "5.7.1", &error));
      g_assert_nonnull (error);
    }
}

static void
test_copy_and_names (void)
{
  g_autoptr (PrdrReply) reply = prdr_reply_new ("550", "5.7.1", "no", NULL);
  g_autoptr (PrdrReply) copy = prdr_reply_copy (reply);

  g_assert_true (copy->text != reply->text);
  g_assert_cmpstr (copy->text, ==, "no");
  g_assert_null (prdr_reply_copy (NULL));
  prdr_reply_free (NULL);
  g_assert_cmpstr (prdr_verdict_kind_name (PRDR_VERDICT_TEMPFAIL), ==, "tempfail");
  g_assert_cmpstr (prdr_verdict_kind_name (PRDR_VERDICT_CONTINUE), ==, "continue");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reply/length", test_length);
  g_test_add_func ("/reply/control-characters", test_control_characters);
  g_test_add_func ("/reply/percent-doubled", test_percent_doubled);
  g_test_add_func ("/reply/codes", test_codes);
  g_test_add_func ("/reply/parse", test_parse);
  g_test_add_func ("/reply/parse-refused", test_parse_refused);
  g_test_add_func ("/reply/copy-and-names", test_copy_and_names);
  return g_test_run ();
}
