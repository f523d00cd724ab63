/*
 * ext-body.c - the body test (RFC 5173):
 *   body [COMPARATOR] [MATCH-TYPE] [:raw / :content <types> / :text] <keys>
 *
 * :raw is the undecoded text after the header, one value.  :content
 * selects the leaf MIME parts whose Content-Type matches one of the types
 * ("" any, "text" any text/ subtype, "text/html" exactly), decoded from
 * their transfer encoding and converted to UTF-8, one value per part;
 * :text (the default) is :content "text".  Results are cached in the
 * message view.  Limits: PRDR_SIEVE_MAX_BODY_SIZE octets per part.
 */
#include "sieve-private.h"

#include <string.h>
#include "commands.h"

enum { PRDR_SIEVE_BODY_RAW = 1, PRDR_SIEVE_BODY_CONTENT, PRDR_SIEVE_BODY_TEXT };

static const PrdrSieveTagDef prdr_sieve_body_tags[] = {
  { "raw", 0, 1, PRDR_SIEVE_BODY_RAW, NULL },
  { "content", 'l', 1, PRDR_SIEVE_BODY_CONTENT, NULL },
  { "text", 0, 1, PRDR_SIEVE_BODY_TEXT, NULL },
  { NULL, 0, 0, 0, NULL },
};

static gboolean
prdr_sieve_body_type_matches (GMimeObject *object, const char *want)
{
  const char *type, *subtype;
  const char *slash = strchr (want, '/');

  if (!*want)
    return TRUE;
  prdr_sieve_content_type (object, &type, &subtype);
  if (!slash)
    return g_ascii_strcasecmp (type, want) == 0;
  return g_ascii_strncasecmp (type, want, slash - want) == 0 && strlen (type) == (gsize) (slash - want)
    && g_ascii_strcasecmp (subtype, slash + 1) == 0;
}

/* prdr_sieve_body_content - decoded texts of the matching leaf parts */
static GPtrArray *
prdr_sieve_body_content (PrdrSieveMessage *msg, GPtrArray *types)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint p = 0; p < prdr_sieve_message_n_parts (msg); p++)
    {
      GMimeObject *object = prdr_sieve_message_part (msg, p)->object;
      if (!object || GMIME_IS_MULTIPART (object) || GMIME_IS_MESSAGE_PART (object))
        continue;
      for (guint t = 0; t < types->len; t++)
        if (prdr_sieve_body_type_matches (object, g_ptr_array_index (types, t)))
          {
            char *text = NULL;
            if (GMIME_IS_TEXT_PART (object))
              text = prdr_sieve_part_text (object);
            else if (GMIME_IS_PART (object))
              text = prdr_sieve_part_decoded (object);
            if (text && *text)
              g_ptr_array_add (out, text);   /* an empty body has no value */
            else
              g_free (text);
            break;
          }
    }
  return out;
}

/* prdr_sieve_body_values - cached values for the node's transform */
static GPtrArray *
prdr_sieve_body_values (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  const PrdrSieveTagUse *raw = prdr_sieve_node_tag (node, PRDR_SIEVE_BODY_RAW);
  const PrdrSieveTagUse *content = prdr_sieve_node_tag (node, PRDR_SIEVE_BODY_CONTENT);
  g_autoptr (GPtrArray) types = content ? prdr_sieve_run_strings (run, content->param)
    : g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) key = g_string_new (raw ? "raw" : "content");
  GPtrArray *values;

  if (!content)
    g_ptr_array_add (types, g_strdup ("text"));
  for (guint i = 0; i < types->len; i++)
    g_string_append_printf (key, "\n%s", (char *) g_ptr_array_index (types, i));
  values = g_hash_table_lookup (run->msg->bodies, key->str);
  if (values)
    return values;
  if (raw)
    {
      values = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (values, prdr_sieve_message_raw_body (run->msg));
    }
  else
    values = prdr_sieve_body_content (run->msg, types);
  g_hash_table_insert (run->msg->bodies, g_strdup (key->str), values);
  return values;
}

static PrdrSieveStatus
prdr_sieve_tst_body_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  g_autoptr (GPtrArray) keys = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 0));
  return prdr_sieve_run_match (run, node, prdr_sieve_body_values (run, node), keys, result);
}

const PrdrSieveCommandDef prdr_sieve_tst_body = {
  .name = "body", .kind = PRDR_SIEVE_TEST, .signature = "l", .tags = prdr_sieve_body_tags,
  /* RFC 5173 section 6: body's wildcards do not set match variables */
  .flags = PRDR_SIEVE_FLAG_MATCH | PRDR_SIEVE_FLAG_NO_CAPTURE, .eval = prdr_sieve_tst_body_eval,
};
