/*
 * ext-ihave.c - ihave and error (RFC 5463).
 *
 * ihave <capabilities> is decided at compile time: known capabilities
 * become available to the script (as if required); an unknown one makes
 * the test false and leaves the guarded block unvalidated (validator.c),
 * so scripts can use extensions this engine lacks.  error <message> ends
 * the run with a runtime error.
 */
#include "sieve-private.h"

#include "commands.h"

typedef struct {
  gboolean all_known;
} PrdrSieveIhave;

static gboolean
prdr_sieve_tst_ihave_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *arg = prdr_sieve_node_arg (node, 0);
  PrdrSieveIhave *data = g_new0 (PrdrSieveIhave, 1);

  data->all_known = TRUE;
  for (guint i = 0; i < arg->strings->len; i++)
    {
      const char *cap = g_ptr_array_index (arg->strings, i);
      const PrdrSieveExtension *ext = prdr_sieve_extension_find (v->ctx, cap);
      if (!ext || ext->hidden)
        data->all_known = FALSE;
      else if (!prdr_sieve_validator_has (v, ext->name))
        g_ptr_array_add (v->capabilities, g_strdup (ext->name));
    }
  if (!data->all_known)
    v->ihave_unknown = TRUE;
  node->data = data;
  node->data_free = g_free;
  return TRUE;
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
