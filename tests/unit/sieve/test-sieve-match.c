/*
 * test-sieve-match.c - comparators (RFC 4790) and match types: :is,
 * :contains, :matches with wildcards, escapes and non-greedy captures, and
 * the linear-time guarantee on a pathological pattern and a 1 MB value.
 */
#include "sieve-test-util.h"
#include "sieve/sieve-private.h"

static const PrdrSieveComparator *octet, *casemap, *numeric;

static int
cmp (const PrdrSieveComparator *c, const char *a, const char *b)
{
  int r = c->compare (a, strlen (a), b, strlen (b));
  return r < 0 ? -1 : r > 0;
}

static void
test_comparators (void)
{
  g_assert_cmpint (cmp (octet, "abc", "abc"), ==, 0);
  g_assert_cmpint (cmp (octet, "abc", "ABC"), ==, 1);
  g_assert_cmpint (cmp (octet, "ab", "abc"), ==, -1);
  g_assert_cmpint (cmp (casemap, "abc", "ABC"), ==, 0);
  g_assert_cmpint (cmp (casemap, "a", "B"), ==, -1);
  /* non-ASCII is not folded by i;ascii-casemap */
  g_assert_cmpint (cmp (casemap, "\xc3\xa9", "\xc3\x89"), !=, 0);
  /* i;ascii-numeric: leading digits, non-digits are +infinity */
  g_assert_cmpint (cmp (numeric, "10", "9"), ==, 1);
  g_assert_cmpint (cmp (numeric, "007", "7"), ==, 0);
  g_assert_cmpint (cmp (numeric, "12abc", "12"), ==, 0);
  g_assert_cmpint (cmp (numeric, "abc", "99999999999999999999999"), ==, 1);
  g_assert_cmpint (cmp (numeric, "abc", "xyz"), ==, 0);
  g_assert_cmpint (cmp (numeric, "123456789012345678901234567890", "123456789012345678901234567891"), ==, -1);
  g_assert_null (numeric->fold);
  g_assert_true (prdr_sieve_comparator_find ("I;OCTET") == octet);
  g_assert_null (prdr_sieve_comparator_find ("i;unknown"));
}

static gboolean
glob (const PrdrSieveComparator *c, const char *value, const char *pattern, GPtrArray *caps)
{
  return prdr_sieve_glob_match (c, value, strlen (value), pattern, strlen (pattern), caps);
}

static void
test_matches (void)
{
  g_assert_true (glob (casemap, "", "", NULL));
  g_assert_true (glob (casemap, "", "*", NULL));
  g_assert_false (glob (casemap, "", "?", NULL));
  g_assert_true (glob (casemap, "Frop", "f*p", NULL));
  g_assert_false (glob (octet, "Frop", "f*p", NULL));
  g_assert_true (glob (casemap, "abcabc", "*bc", NULL));
  g_assert_true (glob (casemap, "a*c", "a\\*c", NULL));
  g_assert_false (glob (casemap, "abc", "a\\*c", NULL));
  g_assert_true (glob (casemap, "a?c", "a\\?c", NULL));
  /* RFC 5228 2.7.1: under i;octet and i;ascii-casemap "?" is one octet */
  g_assert_false (glob (casemap, "x\xc3\xa9y", "x?y", NULL));
  g_assert_true (glob (casemap, "x\xc3\xa9y", "x??y", NULL));
  g_assert_true (glob (octet, "x\xc3\xa9y", "x??y", NULL));
  g_assert_true (glob (casemap, "caf\xc3\xa9", "*?", NULL));
  g_assert_false (glob (casemap, "abc", "ab", NULL));
  g_assert_true (glob (casemap, "aXbXc", "a*b*c", NULL));
  g_assert_false (glob (casemap, "aXbXd", "a*b*c", NULL));
  g_assert_true (glob (casemap, "abab", "*ab", NULL));
}

static void
test_match_captures (void)
{
  g_autoptr (GPtrArray) caps = g_ptr_array_new_with_free_func (g_free);

  /* RFC 5229 3.2: wildcards are non-greedy, ${0} is the whole match */
  g_assert_true (glob (casemap, "joe@sub.example.com", "*@*.*", caps));
  g_assert_cmpuint (caps->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (caps, 0), ==, "joe@sub.example.com");
  g_assert_cmpstr (g_ptr_array_index (caps, 1), ==, "joe");
  g_assert_cmpstr (g_ptr_array_index (caps, 2), ==, "sub");
  g_assert_cmpstr (g_ptr_array_index (caps, 3), ==, "example.com");
  g_ptr_array_set_size (caps, 0);
  g_assert_true (glob (casemap, "abcd", "?*?", caps));
  g_assert_cmpstr (g_ptr_array_index (caps, 1), ==, "a");
  g_assert_cmpstr (g_ptr_array_index (caps, 2), ==, "bc");
  g_assert_cmpstr (g_ptr_array_index (caps, 3), ==, "d");
  g_ptr_array_set_size (caps, 0);
  g_assert_true (glob (casemap, "ab", "a**b", caps));
  g_assert_cmpuint (caps->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (caps, 1), ==, "");
  g_assert_cmpstr (g_ptr_array_index (caps, 2), ==, "");
}

static void
test_contains (void)
{
  g_assert_true (prdr_sieve_contains (casemap, "Hello World", 11, "WORLD", 5));
  g_assert_false (prdr_sieve_contains (octet, "Hello World", 11, "WORLD", 5));
  g_assert_true (prdr_sieve_contains (octet, "x", 1, "", 0));
  g_assert_false (prdr_sieve_contains (octet, "ab", 2, "abc", 3));
}

static void
test_pathological (void)
{
  gsize n = 1024 * 1024;
  char *value = g_malloc (n + 1);
  GString *pattern = g_string_new (NULL);
  gint64 start;

  memset (value, 'a', n);
  value[n] = '\0';
  for (int i = 0; i < 30; i++)
    g_string_append (pattern, "*a");
  g_string_append (pattern, "*b");
  /* an exponential backtracking matcher would never finish this one; the
   * test suite's timeout is the bound, not a timing in the test */
  start = g_get_monotonic_time ();
  g_assert_false (glob (casemap, value, pattern->str, NULL));
  g_string_assign (pattern, "*aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab*");
  g_assert_false (glob (casemap, value, pattern->str, NULL));
  g_test_message ("two 1 MB :matches took %" G_GINT64_FORMAT " us",
                  g_get_monotonic_time () - start);
  g_free (value);
  g_string_free (pattern, TRUE);
}

static void
test_match_types_in_scripts (void)
{
  assert_run ("if header :is \"x-spam-score\" \"12\" { discard; }", "discard");
  assert_run ("if header :contains \"subject\" \"BIG\" { discard; }", "discard");
  assert_run ("if header :comparator \"i;octet\" :contains \"subject\" \"BIG\" { discard; }",
              "implicit keep");
  assert_run ("require [\"relational\", \"comparator-i;ascii-numeric\"];\n"
              "if header :value \"gt\" :comparator \"i;ascii-numeric\" \"x-spam-score\" \"10\""
              " { discard; }", "discard");
  assert_run ("require [\"relational\", \"comparator-i;ascii-numeric\"];\n"
              "if header :value \"gt\" :comparator \"i;ascii-numeric\" \"x-spam-score\" \"20\""
              " { discard; }", "implicit keep");
  assert_run ("require [\"relational\", \"comparator-i;ascii-numeric\"];\n"
              "if header :count \"eq\" :comparator \"i;ascii-numeric\" \"x-spam-score\" \"2\""
              " { discard; }", "discard");
  assert_run ("require [\"relational\", \"comparator-i;ascii-numeric\"];\n"
              "if address :count \"eq\" :comparator \"i;ascii-numeric\" \"to\" \"3\""
              " { discard; }", "discard");
  assert_run ("require \"regex\";\nif header :regex \"subject\" \"(unclosed\" { discard; }",
              "COMPILE: t.sieve:2:28: invalid regular expression '(unclosed': "
              "missing closing parenthesis at offset 9");
  assert_run ("require \"regex\";\nif header :regex \"subject\" \"^h.llo big +world$\" "
              "{ discard; }", "discard");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  octet = prdr_sieve_comparator_find ("i;octet");
  casemap = prdr_sieve_comparator_find ("i;ascii-casemap");
  numeric = prdr_sieve_comparator_find ("i;ascii-numeric");
  g_test_add_func ("/sieve/match/comparators", test_comparators);
  g_test_add_func ("/sieve/match/matches", test_matches);
  g_test_add_func ("/sieve/match/captures", test_match_captures);
  g_test_add_func ("/sieve/match/contains", test_contains);
  g_test_add_func ("/sieve/match/pathological", test_pathological);
  g_test_add_func ("/sieve/match/in-scripts", test_match_types_in_scripts);
  return g_test_run ();
}
