package dev.tessera.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One page of a list. {@code next} is an opaque cursor for the following page, absent on the last.
 *
 * @param items the page's items
 * @param next cursor to pass as {@code cursor} for the next page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> items, String next) {}
