/*
 * ext-ihave.c - ihave and error (RFC 5463).
 *
 *   prdr_sieve_ihave_block_dead
 *
 * ihave <capabilities> is decided at compile time: when every capability
 * is known, all of them become available to the script (as if required)
 * and the test is true; otherwise the test is false and none is enabled
 * (section 4, item 4).  encoded-character and variables change how a
 * script is read, so ihave of them always fails (section 4, last
 * paragraph), even when the script required them.  A block whose
 * condition is false by ihave alone (ihave, not, allof, anyof of ihave
 * tests) is left unvalidated (validator.c), so scripts can use extensions
 * this engine lacks; other blocks are validated as usual.  error <message>
 * ends the run with a runtime error.
 */
#include "sieve-private.h"

#include "commands.h"

/* RFC 5463 section 4: extensions that "change how the content of Sieve
 * scripts are interpreted"; ihave MUST fail for them */
static const char *const prdr_sieve_ihave_restricted[] = { "encoded-character", "variables" };

typedef struct {
  gboolean all_known;
} PrdrSieveIhave;

static gboolean
prdr_sieve_ihave_available (const PrdrSieveContext *ctx, const char *cap)
{
  const PrdrSieveExtension *ext = prdr_sieve_extension_find (ctx, cap);

  if (!ext || ext->hidden)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (prdr_sieve_ihave_restricted); i++)
    if (g_ascii_strcasecmp (ext->name, prdr_sieve_ihave_restricted[i]) == 0)
      return FALSE;
  return TRUE;
}

static gboolean
prdr_sieve_tst_ihave_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *arg = prdr_sieve_node_arg (node, 0);
  PrdrSieveIhave *data = g_new0 (PrdrSieveIhave, 1);

  node->data = data;
  node->data_free = g_free;
  for (guint i = 0; i < arg->strings->len; i++)
    if (!prdr_sieve_ihave_available (v->ctx, g_ptr_array_index (arg->strings, i)))
      return TRUE;
  /* section 4 item 4: enabled only when all of them are available */
  data->all_known = TRUE;
  for (guint i = 0; i < arg->strings->len; i++)
    {
      const PrdrSieveExtension *ext = prdr_sieve_extension_find (v->ctx,
                                                                 g_ptr_array_index (arg->strings, i));
      if (!prdr_sieve_validator_has (v, ext->name))
        g_ptr_array_add (v->capabilities, g_strdup (ext->name));
    }
  return TRUE;
}

/* prdr_sieve_ihave_const - 1 or 0 when @test is true or false by its
 * ihave tests alone, -1 when that is not known before the run */
static int
prdr_sieve_ihave_const (const PrdrSieveNode *test)
{
  gboolean all_of = test->def == &prdr_sieve_tst_allof;
  int sub, ones = 0, zeros = 0;

  /* a test that failed validation has no descriptor or data */
  if (test->def == &prdr_sieve_tst_ihave)
    return test->data ? ((const PrdrSieveIhave *) test->data)->all_known : -1;
  if (!test->tests || test->tests->len == 0)
    return -1;
  if (test->def == &prdr_sieve_tst_not)
    {
      sub = prdr_sieve_ihave_const (g_ptr_array_index (test->tests, 0));
      return sub < 0 ? -1 : !sub;
    }
  if (!all_of && test->def != &prdr_sieve_tst_anyof)
    return -1;
  for (guint i = 0; i < test->tests->len; i++)
    {
      sub = prdr_sieve_ihave_const (g_ptr_array_index (test->tests, i));
      ones += sub == 1;
      zeros += sub == 0;
    }
  if (all_of)
    return zeros ? 0 : ones == (int) test->tests->len ? 1 : -1;
  return ones ? 1 : zeros == (int) test->tests->len ? 0 : -1;
}

gboolean
prdr_sieve_ihave_block_dead (const PrdrSieveNode *node)
{
  return node->tests && node->tests->len == 1
    && prdr_sieve_ihave_const (g_ptr_array_index (node->tests, 0)) == 0;
}

static PrdrSieveStatus
prdr_sieve_tst_ihave_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  (void) run;
  *result = ((const PrdrSieveIhave *) node->data)->all_known;
  return PRDR_SIEVE_STATUS_OK;
}

static PrdrSieveStatus
prdr_sieve_cmd_error_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  g_autofree char *msg = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  return prdr_sieve_run_error (run, node, "%s", msg);
}

const PrdrSieveCommandDef prdr_sieve_tst_ihave = {
  .name = "ihave", .kind = PRDR_SIEVE_TEST, .signature = "l",
  .validate = prdr_sieve_tst_ihave_validate, .eval = prdr_sieve_tst_ihave_eval,
};
const PrdrSieveCommandDef prdr_sieve_cmd_error = {
  .name = "error", .kind = PRDR_SIEVE_COMMAND, .signature = "s",
  .exec = prdr_sieve_cmd_error_exec,
};
