package dev.mlproj.scan;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** One shared, thread-safe JSON mapper with bounded nesting. */
final class JsonSupport {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    }

    private JsonSupport() {
    }
}
