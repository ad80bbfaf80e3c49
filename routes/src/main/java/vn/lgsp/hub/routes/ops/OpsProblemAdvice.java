package vn.lgsp.hub.routes.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.http.Problems;

/** problem+json answers for the operator API; unexpected errors are logged, never shown. */
@RestControllerAdvice(basePackages = "vn.lgsp.hub.routes.ops")
public class OpsProblemAdvice {

    private static final Logger LOG = LoggerFactory.getLogger(OpsProblemAdvice.class);

    @ExceptionHandler(HubException.class)
    ResponseEntity<byte[]> hub(HubException e) {
        return problem(e.error(), e.detail());
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<byte[]> badParameter(Exception e) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName()
                : ((MissingServletRequestParameterException) e).getParameterName();
        return problem(HubError.INVALID_REQUEST, "parameter '" + name + "' is missing or malformed");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e) {
        LOG.error("Unexpected failure in the operator API", e);
        return problem(HubError.INTERNAL_ERROR, "the hub could not process the request");
    }

    private static ResponseEntity<byte[]> problem(HubError error, String detail) {
        return ResponseEntity.status(error.status()).contentType(MediaType.parseMediaType(Problems.MEDIA_TYPE))
                .body(Problems.render(error, detail, null, null));
    }
}
