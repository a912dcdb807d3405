package dev.mlproj.scan;

/** One imported module and the name it binds in the file ("*" for a star import). */
record PythonImport(String module, String boundName, int line) {

    /** True when this import is of {@code module} or one of its submodules. */
    boolean isOf(String wanted) {
        return module.equals(wanted) || module.startsWith(wanted + ".");
    }
}
