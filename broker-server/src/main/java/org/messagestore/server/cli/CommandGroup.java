package org.messagestore.server.cli;

import java.util.ArrayList;
import java.util.TreeSet;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A command that holds others ({@code messagestore queue ...}): its subcommands reach the global options
 * and streams through {@link #cli}; given alone, it names the commands it holds, in alphabetical order, as a
 * usage error.
 */
abstract class CommandGroup implements Runnable {

    @ParentCommand
    MessageStoreCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        List<String> names = new ArrayList<>(new TreeSet<>(spec.subcommands().keySet()));
        String last = names.remove(names.size() - 1);
        String choices = names.isEmpty() ? last : String.join(", ", names) + " or " + last;
        throw new ParameterException(spec.commandLine(), "missing command: " + choices);
    }
}
