/*
 * test-milter-bounce.c - the bounce modes' decisions (src/milter/bounce.c):
 * the answer to RCPT and the one answer after DATA, for delayed and no-ndr,
 * over mixes of accept, discard, reject and tempfail outcomes.
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

  g_assert_false (prdr_milter_bounce_mode_parse ("ndr", &mode, &error));
  g_assert_nonnull (strstr (error->message, "not implemented yet"));
  g_clear_error (&error);
  g_assert_false (prdr_milter_bounce_mode_parse ("pseudo-delayed", &mode, &error));
  g_assert_nonnull (strstr (error->message, "not implemented yet"));
  g_clear_error (&error);
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
       mode <= PRDR_MILTER_BOUNCE_NO_NDR; mode++)
    {
      g_assert_cmpint (prdr_milter_bounce_rcpt (mode, &reject, TRUE), ==, PRDR_MILTER_RCPT_REJECT);
      g_assert_cmpint (prdr_milter_bounce_rcpt (mode, &reject, FALSE), ==, PRDR_MILTER_RCPT_REJECT);
      g_assert_cmpint (prdr_milter_bounce_rcpt (mode, &tempfail, FALSE), ==,
                       PRDR_MILTER_RCPT_TEMPFAIL);
      g_assert_cmpint (prdr_milter_bounce_rcpt (mode, &accept, TRUE), ==,
                       PRDR_MILTER_RCPT_CONTINUE);
    }
  /* Another class: deferred in delayed mode, accepted in no-ndr. */
  g_assert_cmpint (prdr_milter_bounce_rcpt (PRDR_MILTER_BOUNCE_DELAYED, &accept, FALSE), ==,
                   PRDR_MILTER_RCPT_DEFER);
  g_assert_cmpint (prdr_milter_bounce_rcpt (PRDR_MILTER_BOUNCE_NO_NDR, &accept, FALSE), ==,
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
};

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
  for (gsize i = 0; i < G_N_ELEMENTS (eom_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/milter/bounce/eom/%s", eom_cases[i].name);
      g_test_add_data_func (path, &eom_cases[i], test_eom);
    }
  return g_test_run ();
}
