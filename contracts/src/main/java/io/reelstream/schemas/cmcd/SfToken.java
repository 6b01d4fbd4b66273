package io.reelstream.schemas.cmcd;

/**
 * An RFC 8941 token (an unquoted identifier such as CMCD's {@code ot=v}), kept apart from strings
 * because CMCD gives tokens and strings different meanings.
 */
public record SfToken(String value) {}
