/*
 * fuzz-engine-config.c - libFuzzer target for the configuration loader and
 * the reply parser (src/engine/config*.c, reply.c).
 *
 * Input: arbitrary bytes as a configuration file.  Properties beyond
 * ASan/UBSan: a refused file gives a PRDR_CONFIG_ERROR whose message starts
 * with the file name; an accepted one binds a section with a key of every
 * type, and then every value read back holds no control character.  Each
 * input line is also parsed as a reply: a reply that parses has a 4xx/5xx
 * code, an enhanced code of the same class and valid text, and its text for
 * libmilter has every '%' doubled.
 */
#include <string.h>

#include "config-file.h"

static const PrdrConfigKey fuzz_keys[] = {
  { "s", PRDR_CONFIG_STRING, 0, 0, NULL, "string" },
  { "u", PRDR_CONFIG_UINT, 1, 1000, "1", "uint" },
  { "b", PRDR_CONFIG_BOOLEAN, 0, 0, "no", "boolean" },
  { "t", PRDR_CONFIG_SECONDS, 0, 86400, "1m", "seconds" },
  { "l", PRDR_CONFIG_LIST, 0, 0, NULL, "list" },
  { "r", PRDR_CONFIG_REPLY, 0, 0, "550 5.7.1 no", "reply" },
  { .key = NULL }
};

static void
fuzz_check_text (const char *text)
{
  for (const char *p = text; text != NULL && *p != '\0'; p++)
    if (g_ascii_iscntrl (*p) && *p != '\t')
      __builtin_trap ();
}

static void
fuzz_config (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrConfig) config = prdr_config_load_data ("fuzz.conf", text, &error);
  const PrdrConfigSection *section;

  if (config == NULL)
    {
      if (error == NULL || error->domain != PRDR_CONFIG_ERROR
          || !g_str_has_prefix (error->message, "fuzz.conf"))
        __builtin_trap ();
      return;
    }
  section = prdr_config_bind (config, "fuzz", fuzz_keys, &error);
  if (section == NULL)
    {
      if (error == NULL || !g_str_has_prefix (error->message, "fuzz.conf"))
        __builtin_trap ();
      return;
    }
  fuzz_check_text (prdr_config_section_get_string (section, "s"));
  for (const char *const *item = prdr_config_section_get_list (section, "l"); *item; item++)
    fuzz_check_text (*item);
  g_clear_error (&error);
  prdr_config_check_unbound (config, &error);
}

static void
fuzz_reply (const char *line)
{
  g_autoptr (PrdrReply) reply = prdr_reply_parse (line, "550", "5.7.1", NULL);
  g_autofree char *milter = NULL;
  gsize percents = 0, doubled = 0;

  if (reply == NULL)
    return;
  if ((reply->code[0] != '4' && reply->code[0] != '5')
      || reply->enhanced_code[0] != reply->code[0]
      || !prdr_reply_text_valid (reply->text, NULL))
    __builtin_trap ();
  milter = prdr_reply_text_for_milter (reply->text);
  for (const char *p = reply->text; *p; p++)
    percents += *p == '%';
  for (const char *p = milter; *p; p++)
    doubled += *p == '%';
  if (doubled != 2 * percents)
    __builtin_trap ();
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  fuzz_config (text);
  for (guint i = 0; lines[i] != NULL; i++)
    fuzz_reply (lines[i]);
  return 0;
}
