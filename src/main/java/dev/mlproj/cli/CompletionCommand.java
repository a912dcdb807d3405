package dev.mlproj.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for mlproj's commands, options and values.",
                "bash: source <(mlproj completion bash)   (or save it in /etc/bash_completion.d/mlproj)",
                "zsh:  source <(mlproj completion zsh)    (in ~/.zshrc; it enables bashcompinit itself)"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "2:unknown shell"})
public final class CompletionCommand implements Callable<Integer> {

    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
    Shell shell;

    @Override
    public Integer call() {
        // picocli's script serves both shells: under zsh it loads bashcompinit before registering itself.
        String script = AutoComplete.bash("mlproj", spec.root().commandLine());
        PrintWriter out = spec.commandLine().getOut();
        if (shell == Shell.zsh) {
            out.println("# zsh completion for mlproj: add `source <(mlproj completion zsh)` to ~/.zshrc");
        }
        out.print(script);
        out.flush();
        return ExitCode.OK;
    }
}
