package imageopt.origin;

/** Carries a problem out of the request flow to the one place that answers it. */
final class ProblemException extends RuntimeException {
    final Problem problem;

    ProblemException(Problem problem, Throwable cause) {
        super(problem.detail(), cause, false, false);
        this.problem = problem;
    }
}
