package dev.mlproj.report;

import dev.mlproj.assess.Assessment;

/** One report format. Renderers only render: a pure function of the assessment and its context, no I/O. */
@FunctionalInterface
public interface Renderer {

    String render(Assessment assessment, ReportContext context);
}
