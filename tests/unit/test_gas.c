/*
 * test_gas.c - the goal attainment scaling summary T-score (src/domain/gas.c)
 * against values worked by hand from T = 50 + 10 sum(x) / sqrt(0.7n + 0.3n^2).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "domain/gas.h"

#define EPS 0.0005

static double t_of(const int *x, size_t n)
{
	double t = -1;
	assert_int_equal(gas_tscore(x, n, &t), CP_OK);
	return t;
}

static void every_goal_as_expected_scores_fifty(void **state)
{
	(void)state;
	int x[] = {0, 0, 0, 0, 0};
	assert_float_equal(t_of(x, 5), 50.0, EPS);
	int one[] = {0};
	assert_float_equal(t_of(one, 1), 50.0, EPS);
}

static void one_goal_one_level_up_is_one_standard_deviation(void **state)
{
	(void)state;
	int x[] = {1}; /* sqrt(0.7 + 0.3) = 1 */
	assert_float_equal(t_of(x, 1), 60.0, EPS);
	int y[] = {-2};
	assert_float_equal(t_of(y, 1), 30.0, EPS);
}

static void hand_worked_values(void **state)
{
	(void)state;
	int two[] = {1, 1}; /* 50 + 20 / sqrt(2.6) = 62.4035 */
	assert_float_equal(t_of(two, 2), 62.4035, EPS);
	int three[] = {-1, 0, 2}; /* 50 + 10 / sqrt(4.8) = 54.5644 */
	assert_float_equal(t_of(three, 3), 54.5644, EPS);
	int four[] = {-2, -2, -2, -2}; /* 50 - 80 / sqrt(7.6) = 20.9809 */
	assert_float_equal(t_of(four, 4), 20.9809, EPS);
	int five[] = {2, 2, 2, 2, 2}; /* 50 + 100 / sqrt(11) = 80.1511 */
	assert_float_equal(t_of(five, 5), 80.1511, EPS);
}

static void no_goals_or_a_level_out_of_range_is_refused(void **state)
{
	(void)state;
	double t = 42;
	int x[] = {0, 3};
	assert_int_equal(gas_tscore(x, 0, &t), CP_EINVAL);
	assert_int_equal(gas_tscore(NULL, 2, &t), CP_EINVAL);
	assert_int_equal(gas_tscore(x, 2, &t), CP_EINVAL);
	int y[] = {-3};
	assert_int_equal(gas_tscore(y, 1, &t), CP_EINVAL);
	assert_float_equal(t, 42, EPS);
}

static void levels_have_words(void **state)
{
	(void)state;
	assert_string_equal(gas_level_label(-2), "Much less than expected");
	assert_string_equal(gas_level_label(0), "As expected");
	assert_string_equal(gas_level_label(2), "Much more than expected");
	assert_string_equal(gas_level_label(3), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_goal_as_expected_scores_fifty),
		cmocka_unit_test(one_goal_one_level_up_is_one_standard_deviation),
		cmocka_unit_test(hand_worked_values),
		cmocka_unit_test(no_goals_or_a_level_out_of_range_is_refused),
		cmocka_unit_test(levels_have_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
