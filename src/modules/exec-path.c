/*
 * exec-path.c - expanding the [exec] program template (%u, %d, %a, %%) with
 * one recipient's values, refusing values that would leave the directory the
 * administrator wrote.  See exec-path.h for the escapes.
 *
 * Limits: the expanded path is at most PRDR_EXEC_PATH_MAX octets.
 */
#include <string.h>

#include "modules-error.h"
#include "exec-path.h"
#include "limits.h"

/* prdr_exec_path_value - the value of escape @c, or NULL for an unknown
 * one.  "%%" yields "%". */
static const char *
prdr_exec_path_value (char c, const char *user, const char *domain,
                      const char *address)
{
  switch (c)
    {
    case 'u': return user;
    case 'd': return domain;
    case 'a': return address;
    case '%': return "%";
    default: return NULL;
    }
}

/* prdr_exec_path_value_safe - whether @value may become part of a path:
 * not empty, no '/', not starting with '.'.  (A C string cannot hold NUL.) */
static gboolean
prdr_exec_path_value_safe (const char *value)
{
  return value[0] != '\0' && value[0] != '.' && strchr (value, '/') == NULL;
}

gboolean
prdr_exec_path_template_check (const char *template, GError **error)
{
  if (template[0] != '/')
    {
      g_set_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_PATH,
                   "\"%s\" is not an absolute path", template);
      return FALSE;
    }
  for (const char *p = template; *p != '\0'; p++)
    {
      if (*p != '%')
        continue;
      if (p[1] == '\0' || prdr_exec_path_value (p[1], "", "", "") == NULL)
        {
          g_set_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_PATH,
                       "\"%s\": unknown escape \"%%%.1s\" (known: %%u %%d %%a %%%%)",
                       template, p + 1);
          return FALSE;
        }
      p++;
    }
  return TRUE;
}

char *
prdr_exec_path_expand (const char *template, const char *user,
                       const char *domain, const char *address, GError **error)
{
  g_autoptr (GString) path = g_string_new (NULL);

  for (const char *p = template; *p != '\0'; p++)
    {
      if (*p != '%')
        {
          g_string_append_c (path, *p);
          continue;
        }
      const char *value = prdr_exec_path_value (p[1], user, domain, address);
      if (value == NULL)
        {
          g_set_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_PATH,
                       "\"%s\": unknown escape", template);
          return NULL;
        }
      if (p[1] != '%' && !prdr_exec_path_value_safe (value))
        {
          g_set_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_PATH,
                       "%%%c is \"%s\", which is not safe in a path "
                       "(empty, has '/' or starts with '.')", p[1], value);
          return NULL;
        }
      g_string_append (path, value);
      p++;
    }
  if (path->len > PRDR_EXEC_PATH_MAX)
    {
      g_set_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_PATH,
                   "the expanded path is %zu octets long (at most %d)",
                   path->len, PRDR_EXEC_PATH_MAX);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&path), FALSE);
}
