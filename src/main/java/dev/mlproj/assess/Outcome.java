package dev.mlproj.assess;

/**
 * The verdict on one criterion. An error is never silently a pass or a fail. A waived criterion is one the
 * repository's {@code .mlproj.yaml} excuses, with a reason; like a criterion that does not apply, it leaves
 * the level's denominator.
 */
public enum Outcome {
    MET, UNMET, NOT_APPLICABLE, ERROR, WAIVED;

    public String label() {
        return switch (this) {
            case MET -> "met";
            case UNMET -> "unmet";
            case NOT_APPLICABLE -> "not applicable";
            case ERROR -> "error";
            case WAIVED -> "waived";
        };
    }
}
