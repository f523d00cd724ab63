/*
 * ext-body.c - the body test (RFC 5173):
 *   body [COMPARATOR] [MATCH-TYPE] [:raw / :content <types> / :text] <keys>
 *
 * A message whose header is not followed by an empty line has no body:
 * every body test is false (section 5).  :raw is the undecoded text after
 * the header, one value (5.1).  :content selects the MIME parts whose type
 * (as RFC 2045 has it, see prdr_sieve_content_type) matches one of the
 * types (5.2): a multipart gives its prologue and epilogue, a
 * message/rfc822 part the nested message's header, any other part its
 * content decoded from the transfer encoding, text converted to UTF-8.
 * :text (the default) is the text of every text part (text/..., and
 * application/xhtml+xml) with HTML mark-up stripped (5.3).  Wildcards do
 * not set match variables (section 6).  Results are cached in the message
 * view.  Limits: PRDR_SIEVE_MAX_BODY_SIZE octets per value.
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

/* prdr_sieve_body_type_matches - RFC 5173 section 5.2: "" any type, "type"
 * any of its subtypes, "type/subtype" exactly; a type that begins or ends
 * with '/' or has two slashes matches nothing */
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
  return strlen (type) == (gsize) (slash - want)
    && g_ascii_strncasecmp (type, want, slash - want) == 0
    && g_ascii_strcasecmp (subtype, slash + 1) == 0;
}

static gboolean
prdr_sieve_body_types_match (GMimeObject *object, GPtrArray *types)
{
  for (guint t = 0; t < types->len; t++)
    if (prdr_sieve_body_type_matches (object, g_ptr_array_index (types, t)))
      return TRUE;
  return FALSE;
}

/* prdr_sieve_body_part_content - the strings :content searches in one
 * part: a multipart's prologue and epilogue, a message/rfc822 part's
 * nested header, any other part's decoded (and, for text, UTF-8) content */
static void
prdr_sieve_body_part_content (PrdrSieveMessage *msg, GMimeObject *object, GPtrArray *out)
{
  char *text;

  if (GMIME_IS_MULTIPART (object))
    {
      const char *pro = g_mime_multipart_get_prologue (GMIME_MULTIPART (object));
      const char *epi = g_mime_multipart_get_epilogue (GMIME_MULTIPART (object));
      g_ptr_array_add (out, g_strndup (pro ? pro : "", PRDR_SIEVE_MAX_BODY_SIZE));
      g_ptr_array_add (out, g_strndup (epi ? epi : "", PRDR_SIEVE_MAX_BODY_SIZE));
      return;
    }
  if (GMIME_IS_MESSAGE_PART (object))
    {
      g_ptr_array_add (out, prdr_sieve_part_message_header (msg, object));
      return;
    }
  text = prdr_sieve_part_text (object);
  if (!text && GMIME_IS_PART (object))
    text = prdr_sieve_part_decoded (object);
  g_ptr_array_add (out, text ? text : g_strdup (""));
}

/* prdr_sieve_body_content - one value per searched string of the parts
 * whose type is in @types (:content), or the text of every text part
 * (@types NULL: :text) */
static GPtrArray *
prdr_sieve_body_content (PrdrSieveMessage *msg, GPtrArray *types)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint p = 0; msg->has_body && p < prdr_sieve_message_n_parts (msg); p++)
    {
      GMimeObject *object = prdr_sieve_message_part (msg, p)->object;
      char *text;
      if (!object)
        continue;
      if (types)
        {
          if (prdr_sieve_body_types_match (object, types))
            prdr_sieve_body_part_content (msg, object, out);
        }
      else if ((text = prdr_sieve_part_extract_text (object)))
        g_ptr_array_add (out, text);
    }
  return out;
}

/* prdr_sieve_body_values - cached values for the node's transform */
static GPtrArray *
prdr_sieve_body_values (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  const PrdrSieveTagUse *raw = prdr_sieve_node_tag (node, PRDR_SIEVE_BODY_RAW);
  const PrdrSieveTagUse *content = prdr_sieve_node_tag (node, PRDR_SIEVE_BODY_CONTENT);
  g_autoptr (GPtrArray) types = content ? prdr_sieve_run_strings (run, content->param) : NULL;
  g_autoptr (GString) key = g_string_new (raw ? "raw" : content ? "content" : "text");
  GPtrArray *values;

  for (guint i = 0; types && i < types->len; i++)
    g_string_append_printf (key, "\n%s", (char *) g_ptr_array_index (types, i));
  values = g_hash_table_lookup (run->msg->bodies, key->str);
  if (values)
    return values;
  if (raw)
    {
      values = g_ptr_array_new_with_free_func (g_free);
      if (run->msg->has_body)
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
