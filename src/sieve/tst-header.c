/*
 * tst-header.c - the tests that read header fields: header, address,
 * exists (RFC 5228 sections 5.1, 5.5, 5.7) with :index/:last (RFC 5260
 * section 6) and :mime/:anychild/:type/:subtype/:contenttype/:param
 * (RFC 5703 section 4).
 *
 *   prdr_sieve_test_header_values (shared with date and editheader)
 *
 * header compares decoded values; address parses the unfolded, undecoded
 * value as RFC 5322 addresses (a value with no valid address is compared
 * whole with :all and not at all with the other parts).
 */
#include "sieve-private.h"

#include <string.h>
#include "commands.h"

/* prdr_sieve_test_mime_option - :type/:subtype/:contenttype/:param view */
static void
prdr_sieve_test_mime_option (const PrdrSieveNode *node, const char *name, const char *value,
                             GPtrArray *out)
{
  int opt = node->match.mime_option;
  g_autoptr (GMimeContentType) ct = NULL;
  g_autoptr (GMimeContentDisposition) cd = NULL;
  GMimeParamList *params;

  if (g_ascii_strcasecmp (name, "content-type") == 0)
    {
      ct = g_mime_content_type_parse (NULL, value);
      params = g_mime_content_type_get_parameters (ct);
      if (opt == 1)
        g_ptr_array_add (out, g_strdup (g_mime_content_type_get_media_type (ct)));
      else if (opt == 2)
        g_ptr_array_add (out, g_strdup (g_mime_content_type_get_media_subtype (ct)));
      else if (opt == 3)
        g_ptr_array_add (out, g_strdup_printf ("%s/%s", g_mime_content_type_get_media_type (ct),
                                               g_mime_content_type_get_media_subtype (ct)));
    }
  else
    {
      cd = g_mime_content_disposition_parse (NULL, value);
      params = g_mime_content_disposition_get_parameters (cd);
      if (opt == 1 || opt == 3)
        g_ptr_array_add (out, g_strdup (g_mime_content_disposition_get_disposition (cd)));
      else if (opt == 2)
        g_ptr_array_add (out, g_strdup (""));
    }
  for (guint i = 0; opt == 4 && i < node->match.mime_params->strings->len; i++)
    {
      const char *pv = g_mime_param_list_get_parameter (params, g_ptr_array_index (
                                                          node->match.mime_params->strings, i))
        ? g_mime_param_get_value (g_mime_param_list_get_parameter (
                                    params, g_ptr_array_index (node->match.mime_params->strings, i)))
        : NULL;
      if (pv)
        g_ptr_array_add (out, g_strdup (pv));
    }
}

/* prdr_sieve_test_add_values - values of @name from one field list, with
 * :index selection and the mime option applied */
static void
prdr_sieve_test_add_values (const PrdrSieveNode *node, GPtrArray *vals, const char *name,
                            GPtrArray *out)
{
  for (guint i = 0; i < vals->len; i++)
    {
      const char *v = g_ptr_array_index (vals, i);
      if (node->match.index)
        {
          guint want = node->match.last ? vals->len - node->match.index : node->match.index - 1;
          if (node->match.index > vals->len || i != want)
            continue;
        }
      if (node->match.mime_option)
        prdr_sieve_test_mime_option (node, name, v, out);
      else
        g_ptr_array_add (out, g_strdup (v));
    }
}

GPtrArray *
prdr_sieve_test_header_values (PrdrSieveRun *run, const PrdrSieveNode *node,
                               const char *name, gboolean decode)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  if (node->match.mime)
    {
      guint cur = run->current_part < 0 ? 0 : run->current_part;
      for (guint p = 0; p < prdr_sieve_message_n_parts (run->msg); p++)
        {
          /* :anychild: the current part and every part inside it */
          if (p != cur
              && !(node->match.anychild && prdr_sieve_message_part_inside (run->msg, p, cur)))
            continue;
          g_autoptr (GPtrArray) vals = prdr_sieve_header_values (
            prdr_sieve_message_part (run->msg, p)->fields, name, decode);
          prdr_sieve_test_add_values (node, vals, name, out);
        }
      return out;
    }
  if (run->edited_fields || !decode)
    {
      g_autoptr (GPtrArray) vals = prdr_sieve_header_values (
        run->edited_fields ? run->edited_fields
        : prdr_sieve_message_part (run->msg, 0)->fields, name, decode);
      prdr_sieve_test_add_values (node, vals, name, out);
    }
  else
    prdr_sieve_test_add_values (node, prdr_sieve_message_header (run->msg, 0, name), name, out);
  return out;
}

/* prdr_sieve_test_mime_validate - RFC 5703 section 4: :anychild and the
 * options :type/:subtype/:contenttype/:param go with :mime; the options
 * only with header (@options) */
static gboolean
prdr_sieve_test_mime_validate (PrdrSieveValidator *v, PrdrSieveNode *node, gboolean options)
{
  const char *what = NULL;

  if (node->match.mime_option && !options)
    what = "the :type, :subtype, :contenttype and :param options belong to header only";
  else if (node->match.anychild && !node->match.mime)
    what = ":anychild needs :mime";
  else if (node->match.mime_option && !node->match.mime)
    what = "the :type, :subtype, :contenttype and :param options need :mime";
  if (!what)
    return TRUE;
  prdr_sieve_validator_error (v, node->line, node->column, "%s: %s", node->identifier, what);
  return FALSE;
}

static gboolean
prdr_sieve_tst_header_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  return prdr_sieve_test_mime_validate (v, node, TRUE);
}

static gboolean
prdr_sieve_tst_exists_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  return prdr_sieve_test_mime_validate (v, node, FALSE);
}

/* header [COMPARATOR] [MATCH-TYPE] <header-names> <key-list> */
static PrdrSieveStatus
prdr_sieve_tst_header_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  g_autoptr (GPtrArray) names = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 0));
  g_autoptr (GPtrArray) keys = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 1));
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr (GPtrArray) v = prdr_sieve_test_header_values (run, node,
                                                               g_ptr_array_index (names, i), TRUE);
      for (guint k = 0; k < v->len; k++)
        g_ptr_array_add (values, g_strdup (g_ptr_array_index (v, k)));
    }
  return prdr_sieve_run_match (run, node, values, keys, result);
}

/* prdr_sieve_test_address_parts - the address part of each address */
void
prdr_sieve_test_address_parts (PrdrSieveRun *run, const PrdrSieveNode *node,
                               GPtrArray *addresses, GPtrArray *out)
{
  for (guint i = 0; i < addresses->len; i++)
    {
      char *part = prdr_sieve_address_part (g_ptr_array_index (addresses, i),
                                            node->match.address_part,
                                            run->ctx->subaddress_separators);
      if (part)
        g_ptr_array_add (out, part);
    }
}

/* address [COMPARATOR] [ADDRESS-PART] [MATCH-TYPE] <header-list> <key-list> */
static PrdrSieveStatus
prdr_sieve_tst_address_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  g_autoptr (GPtrArray) names = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 0));
  g_autoptr (GPtrArray) keys = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 1));
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr (GPtrArray) v = prdr_sieve_test_header_values (run, node,
                                                               g_ptr_array_index (names, i), FALSE);
      for (guint k = 0; k < v->len; k++)
        {
          const char *value = g_ptr_array_index (v, k);
          if (!prdr_sieve_address_parse (value, addresses) && *value
              && node->match.address_part == PRDR_SIEVE_ADDR_ALL)
            g_ptr_array_add (addresses, g_strdup (value));
        }
    }
  prdr_sieve_test_address_parts (run, node, addresses, values);
  return prdr_sieve_run_match (run, node, values, keys, result);
}

/* exists <header-names> */
static PrdrSieveStatus
prdr_sieve_tst_exists_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  g_autoptr (GPtrArray) names = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 0));

  *result = TRUE;
  for (guint i = 0; i < names->len && *result; i++)
    {
      g_autoptr (GPtrArray) v = prdr_sieve_test_header_values (run, node,
                                                               g_ptr_array_index (names, i), FALSE);
      *result = v->len > 0;
    }
  return PRDR_SIEVE_STATUS_OK;
}

/* Header fields whose bodies hold addresses: RFC 5322 section 3.6's
 * originator, destination and resent fields and the common non-standard
 * ones (RFC 2076).  Return-Path and envelope fields belong to the envelope
 * test. */
static const char *const prdr_sieve_address_headers[] = {
  "from", "sender", "reply-to", "to", "cc", "bcc", "resent-from", "resent-sender",
  "resent-to", "resent-cc", "resent-bcc", "resent-reply-to", "delivered-to",
  "disposition-notification-to", "errors-to", "apparently-to", "mail-followup-to",
  "mail-reply-to", "return-receipt-to", "read-receipt-to", "x-confirm-reading-to",
  "for-approval", "for-handling", "for-comment", "x-admin", "abuse-reports-to",
  "x-complaints-to", "x-report-abuse-to", "original-from", "original-recipient",
  "x-beenthere", "return-receipt-requested", "registered-mail-reply-requested-by",
};

/* prdr_sieve_tst_address_validate - RFC 5228 section 5.1: "MUST restrict
 * the address test to headers that contain addresses" (constant names) */
static gboolean
prdr_sieve_tst_address_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *names = prdr_sieve_node_arg (node, 0);
  gboolean vars = prdr_sieve_validator_has (v, "variables");

  for (guint i = 0; i < names->strings->len; i++)
    {
      const char *name = g_ptr_array_index (names->strings, i);
      gboolean known = vars && strstr (name, "${");
      for (gsize k = 0; !known && k < G_N_ELEMENTS (prdr_sieve_address_headers); k++)
        known = g_ascii_strcasecmp (name, prdr_sieve_address_headers[k]) == 0;
      if (!known)
        {
          prdr_sieve_validator_error (v, names->line, names->column,
                                      "specified header '%s' is not allowed for the "
                                      "address test", name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
prdr_sieve_tst_address_all_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  return prdr_sieve_test_mime_validate (v, node, FALSE)
    && prdr_sieve_tst_address_validate (v, node);
}

static const char *const prdr_sieve_tst_header_args[] = { "header names", "key list" };
static const char *const prdr_sieve_tst_address_args[] = { "header list", "key list" };

const PrdrSieveCommandDef prdr_sieve_tst_header = {
  .name = "header", .kind = PRDR_SIEVE_TEST, .signature = "ll",
  .arg_names = prdr_sieve_tst_header_args,
  .flags = PRDR_SIEVE_FLAG_MATCH | PRDR_SIEVE_FLAG_INDEX | PRDR_SIEVE_FLAG_MIME,
  .validate = prdr_sieve_tst_header_validate, .eval = prdr_sieve_tst_header_eval,
};
const PrdrSieveCommandDef prdr_sieve_tst_address = {
  .name = "address", .kind = PRDR_SIEVE_TEST, .signature = "ll",
  .arg_names = prdr_sieve_tst_address_args, .validate = prdr_sieve_tst_address_all_validate,
  .flags = PRDR_SIEVE_FLAG_MATCH | PRDR_SIEVE_FLAG_ADDRPART | PRDR_SIEVE_FLAG_INDEX
           | PRDR_SIEVE_FLAG_MIME,
  .eval = prdr_sieve_tst_address_eval,
};
const PrdrSieveCommandDef prdr_sieve_tst_exists = {
  .name = "exists", .kind = PRDR_SIEVE_TEST, .signature = "l",
  .arg_names = prdr_sieve_tst_header_args,
  .flags = PRDR_SIEVE_FLAG_MIME, .validate = prdr_sieve_tst_exists_validate,
  .eval = prdr_sieve_tst_exists_eval,
};
