/*
 * ext-spamtest.c - spamtest, spamtestplus and virustest (RFC 5235), fed by
 * the caller (PrdrSieveContext have_spam/spam_score/spam_max and
 * have_virus/virus_level):
 *   spamtest [:percent] [COMPARATOR] [MATCH-TYPE] <value>
 *   virustest [COMPARATOR] [MATCH-TYPE] <value>
 *
 * spamtest's value is "0" when the message was not tested, else 1 + the
 * score scaled to 0..9 and truncated, 10 at or above the maximum (section
 * 3.1: 1 not spam, 10 certainly spam; the scaling is Pigeonhole's);
 * :percent (spamtestplus, section 3.2) gives 0..100.  virustest gives "0"
 * untested, else the caller's level 1..5 (section 3.3).
 */
#include "sieve-private.h"

#include "commands.h"

enum { PRDR_SIEVE_SPAM_PERCENT = 1 };

static const PrdrSieveTagDef prdr_sieve_spamtest_tags[] = {
  { "percent", 0, 0, PRDR_SIEVE_SPAM_PERCENT, "spamtestplus" },
  { NULL, 0, 0, 0, NULL },
};

/* prdr_sieve_spam_value - the test value as a decimal string */
static char *
prdr_sieve_spam_value (const PrdrSieveContext *ctx, gboolean percent)
{
  double ratio;

  if (!ctx->have_spam || ctx->spam_max <= 0)
    return g_strdup ("0");
  ratio = CLAMP (ctx->spam_score / ctx->spam_max, 0.0, 1.0);
  if (percent)
    return g_strdup_printf ("%d", (int) (ratio * 100 + 0.5));
  return g_strdup_printf ("%d", ratio >= 1.0 ? 10 : 1 + (int) (ratio * 9));
}

static PrdrSieveStatus
prdr_sieve_spam_match (PrdrSieveRun *run, const PrdrSieveNode *node, char *value,
                       gboolean *result)
{
  g_autoptr (GPtrArray) keys = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 0));
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (values, value);
  return prdr_sieve_run_match (run, node, values, keys, result);
}

static PrdrSieveStatus
prdr_sieve_tst_spamtest_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  gboolean percent = prdr_sieve_node_tag (node, PRDR_SIEVE_SPAM_PERCENT) != NULL;
  return prdr_sieve_spam_match (run, node, prdr_sieve_spam_value (run->ctx, percent), result);
}

static PrdrSieveStatus
prdr_sieve_tst_virustest_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  const PrdrSieveContext *ctx = run->ctx;
  char *value = g_strdup_printf ("%d", ctx->have_virus ? CLAMP (ctx->virus_level, 1, 5) : 0);
  return prdr_sieve_spam_match (run, node, value, result);
}

const PrdrSieveCommandDef prdr_sieve_tst_spamtest = {
  .name = "spamtest", .kind = PRDR_SIEVE_TEST, .signature = "s",
  .tags = prdr_sieve_spamtest_tags, .flags = PRDR_SIEVE_FLAG_MATCH,
  .eval = prdr_sieve_tst_spamtest_eval,
};
const PrdrSieveCommandDef prdr_sieve_tst_virustest = {
  .name = "virustest", .kind = PRDR_SIEVE_TEST, .signature = "s",
  .flags = PRDR_SIEVE_FLAG_MATCH, .eval = prdr_sieve_tst_virustest_eval,
};
