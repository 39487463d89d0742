package org.messagestore.server.cli;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns what went wrong into one line on stderr and one of the {@link ExitCodes}: never a stack trace,
 * which tells an operator less than the exception's message and hides it among frames.
 */
final class FailureHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** The error code the broker gives a command it cannot run as asked: unknown, or a malformed argument. */
    static final String BAD_ARGUMENT = "BAD_ARGUMENT";

    private final PrintStream err;

    FailureHandler(PrintStream err) {
        this.err = err;
    }

    /** Bad arguments, found by picocli before the command ran: nothing was done. */
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        if (e instanceof UnmatchedArgumentException unmatched) {
            err.println("messagestore: " + unmatched(unmatched.getUnmatched()));
            unmatched.getSuggestions().stream().findFirst()
                    .ifPresent(suggestion -> err.println("did you mean '" + suggestion + "'?"));
        } else {
            err.println("messagestore: " + e.getMessage());
        }
        err.println("see '" + command.getCommandSpec().qualifiedName() + " --help'");
        return ExitCodes.USAGE;
    }

    /**
     * Names the unknown options but not what follows them, which may be a secret: {@code --password s3cret}
     * must not print the password. Without an unknown option, the arguments are a mistyped command.
     */
    private static String unmatched(List<String> args) {
        List<String> options = args.stream().filter(arg -> arg.startsWith("-")).map(arg -> arg.split("=", 2)[0]).toList();
        if (!options.isEmpty()) {
            return "unknown option" + (options.size() > 1 ? "s" : "") + ": " + quoted(options);
        }
        return "unknown command or extra argument" + (args.size() > 1 ? "s" : "") + ": " + quoted(args);
    }

    private static String quoted(List<String> args) {
        return args.stream().map(arg -> "'" + arg + "'").collect(Collectors.joining(", "));
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        var failure = classify(e);
        err.println("messagestore: " + failure.getMessage());
        return failure.exitCode();
    }

    /** The status and message for {@code e}, as listed in {@link ExitCodes}. */
    static CommandFailure classify(Exception e) {
        if (e instanceof CommandFailure failure) {
            return failure;
        }
        String message = message(e);
        if (e instanceof JMSSecurityException || e instanceof JMSSecurityRuntimeException) {
            return new CommandFailure(ExitCodes.NOT_PERMITTED, "not permitted: " + message, e);
        }
        if (e instanceof InvalidSelectorException || e instanceof InvalidSelectorRuntimeException) {
            return new CommandFailure(ExitCodes.USAGE, "bad selector: " + message, e);
        }
        if (e instanceof InvalidDestinationException || e instanceof InvalidDestinationRuntimeException) {
            return new CommandFailure(ExitCodes.FAILED, message, e);
        }
        if (e instanceof JMSException jms && BAD_ARGUMENT.equals(jms.getErrorCode())) {
            return new CommandFailure(ExitCodes.USAGE, message, e);
        }
        if (e instanceof JMSException || e instanceof JMSRuntimeException) {
            return new CommandFailure(ExitCodes.FAILED, "the broker refused: " + message, e);
        }
        return new CommandFailure(ExitCodes.FAILED, message, e);
    }

    /** The exception's message, or its type when it has none: an empty line would help no one. */
    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
