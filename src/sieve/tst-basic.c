/*
 * tst-basic.c - the logical tests and size of RFC 5228 section 5: true,
 * false, not, allof, anyof (short-circuit, left to right) and size.
 */
#include "sieve-private.h"

#include "commands.h"

enum { PRDR_SIEVE_TAG_OVER = 1, PRDR_SIEVE_TAG_UNDER };

static PrdrSieveStatus
prdr_sieve_tst_true_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  (void) run;
  (void) node;
  *result = TRUE;
  return PRDR_SIEVE_STATUS_OK;
}

static PrdrSieveStatus
prdr_sieve_tst_false_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  (void) run;
  (void) node;
  *result = FALSE;
  return PRDR_SIEVE_STATUS_OK;
}

static PrdrSieveStatus
prdr_sieve_tst_not_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  PrdrSieveStatus st = prdr_sieve_run_test (run, g_ptr_array_index (node->tests, 0), result);
  *result = !*result;
  return st;
}

/* prdr_sieve_tst_list - allof (@want FALSE stops at the first false) or
 * anyof (@want TRUE stops at the first true) */
static PrdrSieveStatus
prdr_sieve_tst_list (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean want,
                     gboolean *result)
{
  for (guint i = 0; i < node->tests->len; i++)
    {
      PrdrSieveStatus st = prdr_sieve_run_test (run, g_ptr_array_index (node->tests, i), result);
      if (st != PRDR_SIEVE_STATUS_OK)
        return st;
      if (*result == want)
        return PRDR_SIEVE_STATUS_OK;
    }
  *result = !want;
  return PRDR_SIEVE_STATUS_OK;
}

static PrdrSieveStatus
prdr_sieve_tst_allof_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  return prdr_sieve_tst_list (run, node, FALSE, result);
}

static PrdrSieveStatus
prdr_sieve_tst_anyof_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  return prdr_sieve_tst_list (run, node, TRUE, result);
}

static const PrdrSieveTagDef prdr_sieve_size_tags[] = {
  { "over", 'n', 1, PRDR_SIEVE_TAG_OVER, NULL },
  { "under", 'n', 1, PRDR_SIEVE_TAG_UNDER, NULL },
  { NULL, 0, 0, 0, NULL },
};

static gboolean
prdr_sieve_tst_size_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  if (node->tags->len != 1)
    {
      prdr_sieve_validator_error (v, node->line, node->column,
                                  "the size test needs :over or :under");
      return FALSE;
    }
  return TRUE;
}

static PrdrSieveStatus
prdr_sieve_tst_size_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  const PrdrSieveTagUse *over = prdr_sieve_node_tag (node, PRDR_SIEVE_TAG_OVER);
  const PrdrSieveTagUse *use = over ? over : prdr_sieve_node_tag (node, PRDR_SIEVE_TAG_UNDER);
  guint64 limit = use->param->number;
  guint64 size = run->edited_fields ? prdr_sieve_message_size_with (run->msg, run->edited_fields)
    : run->msg->size;

  *result = over ? size > limit : size < limit;
  return PRDR_SIEVE_STATUS_OK;
}

const PrdrSieveCommandDef prdr_sieve_tst_true = {
  .name = "true", .kind = PRDR_SIEVE_TEST, .eval = prdr_sieve_tst_true_eval,
};
const PrdrSieveCommandDef prdr_sieve_tst_false = {
  .name = "false", .kind = PRDR_SIEVE_TEST, .eval = prdr_sieve_tst_false_eval,
};
const PrdrSieveCommandDef prdr_sieve_tst_not = {
  .name = "not", .kind = PRDR_SIEVE_TEST, .flags = PRDR_SIEVE_FLAG_TEST,
  .eval = prdr_sieve_tst_not_eval,
};
const PrdrSieveCommandDef prdr_sieve_tst_allof = {
  .name = "allof", .kind = PRDR_SIEVE_TEST, .flags = PRDR_SIEVE_FLAG_TEST_LIST,
  .eval = prdr_sieve_tst_allof_eval,
};
const PrdrSieveCommandDef prdr_sieve_tst_anyof = {
  .name = "anyof", .kind = PRDR_SIEVE_TEST, .flags = PRDR_SIEVE_FLAG_TEST_LIST,
  .eval = prdr_sieve_tst_anyof_eval,
};
const PrdrSieveCommandDef prdr_sieve_tst_size = {
  .name = "size", .kind = PRDR_SIEVE_TEST, .tags = prdr_sieve_size_tags,
  .validate = prdr_sieve_tst_size_validate, .eval = prdr_sieve_tst_size_eval,
};
