/** The HTTP edge shared by every feature: the /api application, CORS, and problem+json for every error. */
package dev.servicemetrics.web;
