package dev.mlproj.assess;

/** The verdict on one criterion. An error is never silently a pass or a fail. */
public enum Outcome {
    MET, UNMET, NOT_APPLICABLE, ERROR;

    public String label() {
        return switch (this) {
            case MET -> "met";
            case UNMET -> "unmet";
            case NOT_APPLICABLE -> "not applicable";
            case ERROR -> "error";
        };
    }
}
