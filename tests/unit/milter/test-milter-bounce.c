/*
 * test-milter-bounce.c - the bounce modes' decisions (src/milter/bounce.c):
 * the answer to RCPT and the one answer after DATA, for delayed, no-ndr,
 * ndr and pseudo-delayed, over mixes of accept, discard, reject and
 * tempfail outcomes; the lines of a multi-line rejection.
 */
#include "bounce.h"

#include <string.h>

static PrdrReply reply_bob = { "550", "5.7.1", "bob does not want this" };
static PrdrReply reply_bob_copy = { "550", "5.7.1", "bob does not want this" };
static PrdrReply reply_carol = { "550", "5.7.1", "carol does not want this" };
static PrdrReply reply_busy = { "451", "4.3.0", "busy" };
static PrdrReply reply_later = { "450", "4.2.0", "later" };

#define ACCEPT { PRDR_VERDICT_ACCEPT, NULL, "exec", NULL }
#define CONTINUE { PRDR_VERDICT_CONTINUE, NULL, "", NULL }
#define DISCARD { PRDR_VERDICT_DISCARD, NULL, "exec", NULL }
#define REJECT_BOB { PRDR_VERDICT_REJECT, &reply_bob, "exec", NULL }
#define REJECT_BOB_COPY { PRDR_VERDICT_REJECT, &reply_bob_copy, "exec", NULL }
#define REJECT_CAROL { PRDR_VERDICT_REJECT, &reply_carol, "exec", NULL }
#define REJECT_TO_JUNK { PRDR_VERDICT_REJECT, &reply_bob, "sieve", "bob+Junk@example.org" }
#define TEMPFAIL_BUSY { PRDR_VERDICT_TEMPFAIL, &reply_busy, "exec", NULL }
#define TEMPFAIL_LATER { PRDR_VERDICT_TEMPFAIL, &reply_later, "exec", NULL }

static void
test_mode_parse (void)
{
  PrdrMilterBounceMode mode = PRDR_MILTER_BOUNCE_NO_NDR;
  g_autoptr (GError) error = NULL;

  g_assert_true (prdr_milter_bounce_mode_parse ("delayed", &mode, &error));
  g_assert_cmpint (mode, ==, PRDR_MILTER_BOUNCE_DELAYED);
  g_assert_true (prdr_milter_bounce_mode_parse ("no-ndr", &mode, &error));
  g_assert_cmpint (mode, ==, PRDR_MILTER_BOUNCE_NO_NDR);
  g_assert_cmpstr (prdr_milter_bounce_mode_name (mode), ==, "no-ndr");

  g_assert_true (prdr_milter_bounce_mode_parse ("ndr", &mode, &error));
  g_assert_cmpint (mode, ==, PRDR_MILTER_BOUNCE_NDR);
  g_assert_cmpstr (prdr_milter_bounce_mode_name (mode), ==, "ndr");
  g_assert_true (prdr_milter_bounce_mode_parse ("pseudo-delayed", &mode, &error));
  g_assert_cmpint (mode, ==, PRDR_MILTER_BOUNCE_PSEUDO_DELAYED);
  g_assert_cmpstr (prdr_milter_bounce_mode_name (mode), ==, "pseudo-delayed");
  g_assert_false (prdr_milter_bounce_mode_parse ("Delayed", &mode, &error));
  g_assert_error (error, PRDR_MILTER_ERROR, PRDR_MILTER_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "unknown bounce mode"));
}

static void
test_rcpt (void)
{
  const PrdrOutcome accept = CONTINUE, reject = REJECT_BOB, tempfail = TEMPFAIL_BUSY;

  /* RCPT-stage decisions are answered at RCPT in every mode. */
  for (PrdrMilterBounceMode mode = PRDR_MILTER_BOUNCE_DELAYED;
       mode <= PRDR_MILTER_BOUNCE_PSEUDO_DELAYED; mode++)
    {
      g_assert_cmpint (prdr_milter_bounce_rcpt (mode, &reject, TRUE), ==, PRDR_MILTER_RCPT_REJECT);
      g_assert_cmpint (prdr_milter_bounce_rcpt (mode, &reject, FALSE), ==, PRDR_MILTER_RCPT_REJECT);
      g_assert_cmpint (prdr_milter_bounce_rcpt (mode, &tempfail, FALSE), ==,
                       PRDR_MILTER_RCPT_TEMPFAIL);
      g_assert_cmpint (prdr_milter_bounce_rcpt (mode, &accept, TRUE), ==,
                       PRDR_MILTER_RCPT_CONTINUE);
    }
  /* Another class: deferred in the delayed modes, accepted in the others. */
  g_assert_cmpint (prdr_milter_bounce_rcpt (PRDR_MILTER_BOUNCE_DELAYED, &accept, FALSE), ==,
                   PRDR_MILTER_RCPT_DEFER);
  g_assert_cmpint (prdr_milter_bounce_rcpt (PRDR_MILTER_BOUNCE_PSEUDO_DELAYED, &accept,
                                            FALSE), ==, PRDR_MILTER_RCPT_DEFER);
  g_assert_cmpint (prdr_milter_bounce_rcpt (PRDR_MILTER_BOUNCE_NO_NDR, &accept, FALSE), ==,
                   PRDR_MILTER_RCPT_CONTINUE);
  g_assert_cmpint (prdr_milter_bounce_rcpt (PRDR_MILTER_BOUNCE_NDR, &accept, FALSE), ==,
                   PRDR_MILTER_RCPT_CONTINUE);
}

/* One case: the outcomes, the expected answer and, for ACCEPT, the fates. */
typedef struct {
  const char *name;
  PrdrMilterBounceMode mode;
  PrdrOutcome outcomes[4];
  guint count;
  PrdrVerdictKind verdict;
  const PrdrReply *reply;
  gboolean mixed;
  PrdrMilterFate fates[4];
} EomCase;

#define KEEP PRDR_MILTER_FATE_KEEP
#define DROP PRDR_MILTER_FATE_DROP
#define REDIRECT PRDR_MILTER_FATE_REDIRECT
#define DELAYED PRDR_MILTER_BOUNCE_DELAYED
#define NO_NDR PRDR_MILTER_BOUNCE_NO_NDR
#define NDR PRDR_MILTER_BOUNCE_NDR
#define PSEUDO PRDR_MILTER_BOUNCE_PSEUDO_DELAYED

static const EomCase eom_cases[] = {
  { "delayed/all-accept", DELAYED, { ACCEPT, CONTINUE, ACCEPT }, 3,
    PRDR_VERDICT_ACCEPT, NULL, FALSE, { KEEP, KEEP, KEEP } },
  { "delayed/all-reject-same-text", DELAYED, { REJECT_BOB, REJECT_BOB_COPY }, 2,
    PRDR_VERDICT_REJECT, &reply_bob, FALSE, { 0 } },
  { "delayed/all-tempfail", DELAYED, { TEMPFAIL_BUSY, TEMPFAIL_LATER }, 2,
    PRDR_VERDICT_TEMPFAIL, &reply_busy, FALSE, { 0 } },
  { "delayed/accept-and-discard", DELAYED, { ACCEPT, DISCARD, CONTINUE }, 3,
    PRDR_VERDICT_ACCEPT, NULL, FALSE, { KEEP, DROP, KEEP } },
  { "delayed/all-discard", DELAYED, { DISCARD, DISCARD }, 2,
    PRDR_VERDICT_DISCARD, NULL, FALSE, { DROP, DROP } },
  { "delayed/mixed-accept-reject", DELAYED, { ACCEPT, REJECT_BOB }, 2,
    PRDR_VERDICT_TEMPFAIL, NULL, TRUE, { 0 } },
  { "delayed/mixed-reject-texts", DELAYED, { REJECT_BOB, REJECT_CAROL }, 2,
    PRDR_VERDICT_TEMPFAIL, NULL, TRUE, { 0 } },
  { "delayed/mixed-reject-tempfail", DELAYED, { TEMPFAIL_BUSY, REJECT_BOB }, 2,
    PRDR_VERDICT_TEMPFAIL, NULL, TRUE, { 0 } },
  { "delayed/single-reject", DELAYED, { REJECT_BOB }, 1,
    PRDR_VERDICT_REJECT, &reply_bob, FALSE, { 0 } },
  { "delayed/no-recipients", DELAYED, { CONTINUE }, 0,
    PRDR_VERDICT_ACCEPT, NULL, FALSE, { 0 } },
  { "no-ndr/accept-reject-accept", NO_NDR, { ACCEPT, REJECT_BOB, CONTINUE }, 3,
    PRDR_VERDICT_ACCEPT, NULL, FALSE, { KEEP, DROP, KEEP } },
  { "no-ndr/all-reject-first-reply", NO_NDR, { REJECT_CAROL, REJECT_BOB }, 2,
    PRDR_VERDICT_REJECT, &reply_carol, FALSE, { 0 } },
  { "no-ndr/tempfail-wins-over-reject", NO_NDR, { ACCEPT, REJECT_BOB, TEMPFAIL_LATER }, 3,
    PRDR_VERDICT_TEMPFAIL, &reply_later, FALSE, { 0 } },
  { "no-ndr/reject-and-discard", NO_NDR, { REJECT_BOB, DISCARD }, 2,
    PRDR_VERDICT_DISCARD, NULL, FALSE, { DROP, DROP } },
  { "no-ndr/reject-to-junk", NO_NDR, { REJECT_TO_JUNK, REJECT_BOB }, 2,
    PRDR_VERDICT_ACCEPT, NULL, FALSE, { REDIRECT, DROP } },
  { "no-ndr/accept-discard", NO_NDR, { DISCARD, ACCEPT }, 2,
    PRDR_VERDICT_ACCEPT, NULL, FALSE, { DROP, KEEP } },
  { "ndr/accept-reject-accept", NDR, { ACCEPT, REJECT_BOB, CONTINUE }, 3,
    PRDR_VERDICT_ACCEPT, NULL, FALSE, { KEEP, DROP, KEEP } },
  { "ndr/any-tempfail-tempfails-all", NDR, { REJECT_BOB, ACCEPT, TEMPFAIL_BUSY }, 3,
    PRDR_VERDICT_TEMPFAIL, &reply_busy, FALSE, { 0 } },
  { "ndr/all-reject", NDR, { REJECT_BOB, REJECT_CAROL }, 2,
    PRDR_VERDICT_REJECT, &reply_bob, FALSE, { 0 } },
  { "ndr/all-junk-delivers", NDR, { REJECT_TO_JUNK }, 1,
    PRDR_VERDICT_ACCEPT, NULL, FALSE, { REDIRECT } },
  /* pseudo-delayed: a deliver-and-reject class is told in the reply */
  { "pseudo/junk-class-rejects", PSEUDO, { REJECT_TO_JUNK }, 1,
    PRDR_VERDICT_REJECT, &reply_bob, FALSE, { 0 } },
  { "pseudo/all-accept", PSEUDO, { ACCEPT, CONTINUE }, 2,
    PRDR_VERDICT_ACCEPT, NULL, FALSE, { KEEP, KEEP } },
  { "pseudo/delivered-earlier-only", PSEUDO, { DISCARD }, 1,
    PRDR_VERDICT_DISCARD, NULL, FALSE, { DROP } },
  { "pseudo/stored-reject-and-accept-mix", PSEUDO, { REJECT_BOB, ACCEPT }, 2,
    PRDR_VERDICT_ACCEPT, NULL, FALSE, { DROP, KEEP } },
  { "pseudo/tempfail-wins", PSEUDO, { ACCEPT, TEMPFAIL_BUSY }, 2,
    PRDR_VERDICT_TEMPFAIL, &reply_busy, FALSE, { 0 } },
};

/* Same replies: one line (NULL); different ones: a line per reply, with
 * the codes where they differ from the first. */
static void
test_lines (void)
{
  static PrdrReply other = { "554", "5.7.0", "no thanks" };
  const PrdrOutcome same[] = { REJECT_BOB, REJECT_BOB_COPY };
  const char *const addresses[] = { "bob@example.org", "carol@example.org",
                                    "dave@example.org" };
  g_assert_null (prdr_milter_bounce_lines (same, addresses, 2));

  const PrdrOutcome mixed[] = { REJECT_BOB, REJECT_CAROL,
                                { PRDR_VERDICT_REJECT, &other, "exec", NULL } };
  g_autoptr (GPtrArray) lines = prdr_milter_bounce_lines (mixed, addresses, 3);
  g_assert_nonnull (lines);
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpstr (lines->pdata[0], ==, "bob@example.org: bob does not want this");
  g_assert_cmpstr (lines->pdata[1], ==, "carol@example.org: carol does not want this");
  g_assert_cmpstr (lines->pdata[2], ==, "dave@example.org: 554 5.7.0 no thanks");
}

/* More distinct replies than libmilter's 32 lines: 31 listed, then a line
 * that counts the rest. */
static void
test_lines_bounded (void)
{
  enum { N = 40 };
  PrdrReply replies[N];
  PrdrOutcome outcomes[N];
  const char *addresses[N];
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N; i++)
    {
      g_ptr_array_add (texts, g_strdup_printf ("text %u", i));
      replies[i] = (PrdrReply) { "550", "5.7.1", texts->pdata[i] };
      outcomes[i] = (PrdrOutcome) { PRDR_VERDICT_REJECT, &replies[i], "exec", NULL };
      addresses[i] = "x@example.org";
    }
  g_autoptr (GPtrArray) lines = prdr_milter_bounce_lines (outcomes, addresses, N);
  g_assert_cmpuint (lines->len, ==, 32);
  g_assert_cmpstr (lines->pdata[30], ==, "x@example.org: text 30");
  g_assert_cmpstr (lines->pdata[31], ==, "and 9 other recipients with replies of their own");
}

static void
test_eom (gconstpointer data)
{
  const EomCase *c = data;
  PrdrMilterFate fates[4] = { 0 };
  PrdrMilterEomAnswer answer = prdr_milter_bounce_eom (c->mode, c->outcomes, c->count, fates);

  g_assert_cmpint (answer.verdict, ==, c->verdict);
  g_assert_true (answer.reply == c->reply);
  g_assert_cmpint (answer.mixed, ==, c->mixed);
  if (answer.verdict == PRDR_VERDICT_ACCEPT || answer.verdict == PRDR_VERDICT_DISCARD)
    for (guint i = 0; i < c->count; i++)
      g_assert_cmpint (fates[i], ==, c->fates[i]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/milter/bounce/mode-parse", test_mode_parse);
  g_test_add_func ("/milter/bounce/rcpt", test_rcpt);
  g_test_add_func ("/milter/bounce/lines", test_lines);
  g_test_add_func ("/milter/bounce/lines-bounded", test_lines_bounded);
  for (gsize i = 0; i < G_N_ELEMENTS (eom_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/milter/bounce/eom/%s", eom_cases[i].name);
      g_test_add_data_func (path, &eom_cases[i], test_eom);
    }
  return g_test_run ();
}
