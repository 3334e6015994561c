package io.shardline.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/**
 * {@code shardctl completion}: picocli's generated bash completion script (zsh runs it through bashcompinit),
 * under a shorter name than picocli's {@code generate-completion} and listed in the help.
 */
@Command(name = "completion", hidden = false, mixinStandardHelpOptions = true,
        description = {"Print a bash/zsh completion script for shardctl.",
                "bash: source <(shardctl completion); zsh: autoload -U +X bashcompinit && bashcompinit, then the same."})
public final class Completion extends AutoComplete.GenerateCompletion {}
