/* metrics_test.c — the partition metrics on small graphs worked out by hand (the sums are
 * in the comments). */
#include "metrics_p.h"
#include "testing_p.h"

#include <math.h>

#define CHECK_NEAR(got, want) do { double g_ = (got), w_ = (want); \
	if (fabs(g_ - w_) > 1e-9) { \
		fprintf(stderr, "  %s:%d: %s is %.9f, want %.9f\n", __FILE__, __LINE__, #got, g_, w_); \
		t_failed_checks++; } } while (0)

/* Two triangles 0-1-2 and 3-4-5 (directed cycles, weight 1) and one bridge 2 -> 3. */
static const struct wedge two_triangles[] = {
	{ 0, 1, 1 }, { 1, 2, 1 }, { 2, 0, 1 }, { 3, 4, 1 }, { 4, 5, 1 }, { 5, 3, 1 }, { 2, 3, 1 },
};

static void test_two_triangles(void)
{
	int memb[] = { 0, 0, 0, 1, 1, 1 };
	struct part_metrics m;
	metrics_compute(6, two_triangles, 7, memb, 2, &m);
	/* Q: m = 7; inside 3 and 3; degrees 7 and 7: 2 * (3/7 - (7/14)^2) = 5/14 */
	CHECK_NEAR(m.q, 5.0 / 14);
	/* SM: (3/9 + 3/9) / 2 - 2 / (2 * 1) * 1/9 = 2/9 */
	CHECK_NEAR(m.sm, 2.0 / 9);
	/* TurboMQ: each 2*3 / (2*3 + 1), averaged */
	CHECK_NEAR(m.turbomq, 6.0 / 7);
	CHECK_NEAR(m.icp, 1.0 / 7);
	CHECK_NEAR(m.ifn, 0.5);         /* module 3 is depended on from outside; 2 services */
	CHECK_NEAR(m.ned, 1.0);         /* no service has 5 to 20 modules */
}

static void test_one_service(void)
{
	int memb[] = { 0, 0, 0, 0, 0, 0 };
	struct part_metrics m;
	metrics_compute(6, two_triangles, 7, memb, 1, &m);
	CHECK_NEAR(m.q, 0.0);           /* 7/7 - (14/14)^2 */
	CHECK_NEAR(m.sm, 7.0 / 36);     /* 7 links in a 6-module service, no coupling term */
	CHECK_NEAR(m.turbomq, 1.0);
	CHECK_NEAR(m.icp, 0.0);
	CHECK_NEAR(m.ifn, 0.0);
	CHECK_NEAR(m.ned, 0.0);         /* its 6 modules are within 5..20: 1 - 6/6 */
}

static void test_ned_and_weights(void)
{
	/* 0..5 in one service (6 modules: non-extreme), 6 alone; weights 2 and 3 */
	struct wedge e[] = { { 0, 1, 2 }, { 5, 6, 3 }, { 6, 6, 4 } };
	int memb[] = { 0, 0, 0, 0, 0, 0, 1 };
	struct part_metrics m;
	metrics_compute(7, e, 3, memb, 2, &m);
	CHECK_NEAR(m.ned, 1.0 - 6.0 / 7);
	CHECK_NEAR(m.icp, 3.0 / 9);     /* the self loop is inside */
	/* Q: m = 9; inside 2 and 4; degrees 2+2+3 = 7 and 3+8 = 11: 2/9 + 4/9 - (7/18)^2 - (11/18)^2 */
	CHECK_NEAR(m.q, 6.0 / 9 - 49.0 / 324 - 121.0 / 324);
}

static void test_ari(void)
{
	int a[] = { 0, 0, 0, 1, 1, 1 }, b[] = { 0, 0, 1, 1, 2, 2 }, c[] = { 7, 7, 7, 3, 3, 3 };
	/* cells 2,1,1,2: index 2; rows 3,3: 6; columns 2,2,2: 3; expected 6*3/15 = 1.2;
	   max 4.5: (2 - 1.2) / (4.5 - 1.2) */
	CHECK_NEAR(metrics_ari(6, a, b), 0.8 / 3.3);
	CHECK_NEAR(metrics_ari(6, a, c), 1.0);          /* labels do not matter */
	CHECK_NEAR(metrics_ari(6, b, a), 0.8 / 3.3);
}

static void test_mojofm(void)
{
	int a[] = { 0, 0, 0, 1, 1, 1 }, b[] = { 0, 0, 1, 1, 2, 2 };
	int singles[] = { 0, 1, 2, 3, 4, 5 }, one[] = { 0, 0, 0, 0, 0, 0 };
	/* A -> B: move 2 out, move 3 to it: mno 2; farthest from B: 6 - 2 = 4 */
	CHECK_NEAR(metrics_mojofm(6, a, b), 50.0);
	CHECK_NEAR(metrics_mojofm(6, b, b), 100.0);
	/* singletons: join them into B's three groups: 3 joins */
	CHECK_NEAR(metrics_mojofm(6, singles, b), 25.0);
	/* one cluster: keep a group of 2, move 4 out into 2 groups: 4 moves, the farthest */
	CHECK_NEAR(metrics_mojofm(6, one, b), 0.0);
}

/* A hub (0) tied to all, a pair (1, 2) tied to each other, a loner (3): the loner goes
 * first, then one of the pair (the other's weight left to it is the hub's plus its own). */
static void test_extraction_order(void)
{
	double w[16] = { 0 };
	w[0 * 4 + 1] = 5; w[0 * 4 + 2] = 5; w[1 * 4 + 2] = 1; w[2 * 4 + 1] = 1; w[3 * 4 + 0] = 0.5;
	size_t seq[4];
	double weight[4];
	metrics_extraction_order(4, w, NULL, seq, weight);
	CHECK(seq[0] == 3 && seq[1] == 1 && seq[2] == 0 && seq[3] == 2);
	CHECK_NEAR(weight[0], 0.5);
	CHECK_NEAR(weight[1], 7.0);
	CHECK_NEAR(weight[2], 5.0);
	CHECK_NEAR(weight[3], 0.0);
	size_t tie[4] = { 2, 1, 0, 3 };              /* ties go to 2 before 1, 1 before 0 */
	metrics_extraction_order(4, w, tie, seq, NULL);
	CHECK(seq[0] == 3 && seq[1] == 2 && seq[2] == 1 && seq[3] == 0);
}

/* c imports b, b imports a, d and e import each other and a: a (level 0) first; then b
 * and the cycle d-e (level 1; b's component is numbered first); then c. */
static void test_dependency_order(void)
{
	double dsm[25] = { 0 };
	dsm[2 * 5 + 1] = 1; dsm[1 * 5 + 0] = 2; dsm[3 * 5 + 4] = 1; dsm[4 * 5 + 3] = 1;
	dsm[3 * 5 + 0] = 1;
	const char *names[5] = { "a", "b", "c", "d", "e" };
	size_t order[5];
	int comp[5];
	metrics_dependency_order(5, dsm, names, order, comp);
	CHECK(order[0] == 0);
	CHECK(comp[3] == comp[4] && comp[3] != comp[1]);
	CHECK(order[4] == 2);
	CHECK((order[1] == 1 && order[2] == 3 && order[3] == 4) ||
	      (order[1] == 3 && order[2] == 4 && order[3] == 1));
}

int main(void)
{
	RUN(test_two_triangles);
	RUN(test_one_service);
	RUN(test_ned_and_weights);
	RUN(test_ari);
	RUN(test_mojofm);
	RUN(test_extraction_order);
	RUN(test_dependency_order);
	return testing_done();
}
