/*
 * mail-test-util.c - parse-back helpers of the src/mail unit tests.
 */
#include "mail-test-util.h"

#include <string.h>

GByteArray *
mail_test_serialize (GMimeObject *object)
{
  GMimeStream *mem = g_mime_stream_mem_new ();
  g_assert_cmpint (g_mime_object_write_to_stream (object, NULL, mem), >, 0);
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (mem), FALSE);
  GByteArray *bytes = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (mem));
  g_object_unref (mem);
  return bytes;
}

GMimeMessage *
mail_test_parse (const guint8 *data, gsize len)
{
  GMimeStream *mem = g_mime_stream_mem_new_with_buffer ((const char *) data, len);
  GMimeParser *parser = g_mime_parser_new_with_stream (mem);
  GMimeMessage *message = g_mime_parser_construct_message (parser, NULL);
  g_assert_nonnull (message);
  g_object_unref (parser);
  g_object_unref (mem);
  return message;
}

char *
mail_test_part_content (GMimeObject *part)
{
  g_assert_true (GMIME_IS_PART (part));
  GMimeDataWrapper *wrapper = g_mime_part_get_content (GMIME_PART (part));
  GMimeStream *mem = g_mime_stream_mem_new ();
  g_mime_data_wrapper_write_to_stream (wrapper, mem);
  GByteArray *bytes = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (mem));
  char *text = g_strndup ((const char *) bytes->data, bytes->len);
  g_object_unref (mem);
  return text;
}

static void
mail_test_fields_free (MailTestFields *fields)
{
  g_ptr_array_unref (fields->names);
  g_hash_table_unref (fields->values);
  g_free (fields);
}

/* mail_test_group_parse - one group of field lines (continuations joined). */
static MailTestFields *
mail_test_group_parse (char **lines)
{
  MailTestFields *fields = g_new0 (MailTestFields, 1);
  fields->names = g_ptr_array_new_with_free_func (g_free);
  fields->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GString *value = NULL;
  char *name = NULL;
  for (guint i = 0;; i++) {
    const char *line = lines[i];
    if (line != NULL && (line[0] == ' ' || line[0] == '\t')) {
      g_assert_nonnull (value);
      g_string_append (value, line);
      continue;
    }
    if (name != NULL) {
      g_assert_false (g_hash_table_contains (fields->values, name));
      g_ptr_array_add (fields->names, g_strdup (name));
      g_hash_table_insert (fields->values, name, g_strdup (g_strstrip (value->str)));
      g_string_free (value, TRUE);
    }
    if (line == NULL)
      break;
    const char *colon = strchr (line, ':');
    g_assert_nonnull (colon);
    name = g_ascii_strdown (line, colon - line);
    value = g_string_new (colon + 1);
  }
  return fields;
}

GPtrArray *
mail_test_dsn_groups (const char *body)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mail_test_fields_free);
  g_autofree char *text = g_strdup (body);
  /* Strip the final line end, then split at blank lines. */
  g_strchomp (text);
  g_auto (GStrv) blocks = g_strsplit (text, "\n\n", -1);
  for (guint i = 0; blocks[i] != NULL; i++) {
    g_auto (GStrv) lines = g_strsplit (blocks[i], "\n", -1);
    g_ptr_array_add (groups, mail_test_group_parse (lines));
  }
  return groups;
}

const char *
mail_test_field (GPtrArray *groups, guint group, const char *name)
{
  g_assert_cmpuint (group, <, groups->len);
  MailTestFields *fields = g_ptr_array_index (groups, group);
  return g_hash_table_lookup (fields->values, name);
}

GMimeStream *
mail_test_stream (const char *text)
{
  return g_mime_stream_mem_new_with_buffer (text, strlen (text));
}
