package dev.mlproj.scaffold;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * The branch names git accepts, as {@code git check-ref-format --branch} judges them: the rules of
 * {@code check_refname_format} for {@code refs/heads/NAME} (JGit's {@link Repository#isValidRefName}
 * checks most of them), and git's extra rules for a branch: not {@code HEAD}, not starting with
 * {@code -} (it would read as an option), no {@code @{} (git's reflog syntax), not {@code @} alone.
 */
public final class BranchNames {

    private BranchNames() {
    }

    /** @return null when {@code name} is a valid branch name, else why it is not */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "it is empty";
        }
        if (name.equals("HEAD")) {
            return "HEAD names the current commit, not a branch";
        }
        if (name.startsWith("-")) {
            return "it starts with '-', which git would read as an option";
        }
        if (name.equals("@")) {
            return "'@' alone is git's name for HEAD";
        }
        if (name.contains("@{")) {
            return "'@{' is git's reflog syntax";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "it contains a control character";
            }
            if (" ~^:?*[\\".indexOf(c) >= 0) {
                return "it contains '" + c + "'";
            }
        }
        if (name.contains("..")) {
            return "it contains '..'";
        }
        if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            return "it has an empty part between slashes";
        }
        if (name.endsWith(".")) {
            return "it ends with '.'";
        }
        for (String part : name.split("/")) {
            if (part.startsWith(".")) {
                return "a part starts with '.'";
            }
            if (part.endsWith(".lock")) {
                return "a part ends with '.lock'";
            }
        }
        if (!Repository.isValidRefName(Constants.R_HEADS + name)) {
            return "git does not accept it as a branch name";
        }
        return null;
    }
}
