/*
 * test-exec-path.c - the [exec] program template: %u, %d, %a, %% and the
 * refusal of values that would make an unsafe path.
 */
#include <string.h>

#include "exec-path.h"
#include "modules-error.h"

static char *
expand (const char *template, const char *user, const char *domain,
        const char *address, GError **error)
{
  return prdr_exec_path_expand (template, user, domain, address, error);
}

static void
test_escapes (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *home = expand ("/home/%u/.prdr-filter", "bob", "example.org",
                                  "Bob+lists@example.org", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (home, ==, "/home/bob/.prdr-filter");

  g_autofree char *all = expand ("/srv/%d/%u/%a/100%%", "bob", "example.org",
                                 "Bob+lists@example.org", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (all, ==, "/srv/example.org/bob/Bob+lists@example.org/100%");

  g_autofree char *plain = expand ("/usr/local/bin/filter", "", "", "", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, "/usr/local/bin/filter");
}

/* Values not used by the template are not checked: an address without a
 * domain still works with a template that has no %d. */
static void
test_unused_values (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = expand ("/home/%u/.prdr-filter", "postmaster", "",
                                  "postmaster", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, "/home/postmaster/.prdr-filter");
}

static void
test_unsafe_values (void)
{
  const struct { const char *template, *user, *domain, *address; } cases[] = {
    { "/home/%u/.f", "", "example.org", "@example.org" },
    { "/home/%u/.f", "..", "example.org", "..@example.org" },
    { "/home/%u/.f", ".ssh", "example.org", ".ssh@example.org" },
    { "/home/%u/.f", "a/b", "example.org", "a/b@example.org" },
    { "/home/%u/.f", "../../etc", "example.org", "x@example.org" },
    { "/srv/%d/%u", "bob", "", "bob" },
    { "/srv/%d/%u", "bob", "..", "bob@.." },
    { "/srv/%a", "bob", "example.org", "bob/x@example.org" },
    { "/srv/%a", "bob", "example.org", ".bob@example.org" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *path = expand (cases[i].template, cases[i].user,
                                      cases[i].domain, cases[i].address, &error);
      if (path != NULL)
        g_error ("case %zu: expected a refusal, got \"%s\"", i, path);
      g_assert_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_PATH);
      g_assert_nonnull (strstr (error->message, "not safe"));
    }
}

static void
test_too_long (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *user = g_strnfill (2000, 'u');
  g_autofree char *path = expand ("/home/%u/.f", user, "example.org", "x", &error);
  g_assert_null (path);
  g_assert_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_PATH);
}

static void
test_template_check (void)
{
  const char *good[] = { "/home/%u/.prdr-filter", "/srv/%d/%a", "/x/100%%", "/bin/true" };
  const char *bad[] = { "home/%u/.f", "", "/home/%x/.f", "/home/%u/%", "/%U" };
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      if (!prdr_exec_path_template_check (good[i], &error))
        g_error ("\"%s\" refused: %s", good[i], error->message);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      if (prdr_exec_path_template_check (bad[i], &error))
        g_error ("\"%s\" accepted", bad[i]);
      g_assert_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_PATH);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/exec-path/escapes", test_escapes);
  g_test_add_func ("/exec-path/unused-values", test_unused_values);
  g_test_add_func ("/exec-path/unsafe-values", test_unsafe_values);
  g_test_add_func ("/exec-path/too-long", test_too_long);
  g_test_add_func ("/exec-path/template-check", test_template_check);
  return g_test_run ();
}
