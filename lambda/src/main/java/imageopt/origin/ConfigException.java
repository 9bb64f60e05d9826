package imageopt.origin;

/** A setting is missing or bad; the message names the variable, what it got and what it takes. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
